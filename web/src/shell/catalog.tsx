import {
  AppstoreOutlined,
  CloseCircleOutlined,
  EditOutlined,
  GiftOutlined,
  IdcardOutlined,
  PauseCircleOutlined,
  QuestionCircleOutlined,
  RollbackOutlined,
  SwapOutlined,
  UserAddOutlined,
  WalletOutlined,
} from "@ant-design/icons";
import type { ReactNode } from "react";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { useBusinessTypes } from "../api/queries";
import type { BusinessType } from "../api/types";

// The catalog names an icon per business type; these are the Ant Design glyphs for them.
const icons: Record<string, ReactNode> = {
  wallet: <WalletOutlined />,
  swap: <SwapOutlined />,
  pause: <PauseCircleOutlined />,
  idcard: <IdcardOutlined />,
  "user-add": <UserAddOutlined />,
  question: <QuestionCircleOutlined />,
  "close-circle": <CloseCircleOutlined />,
  rollback: <RollbackOutlined />,
  gift: <GiftOutlined />,
  edit: <EditOutlined />,
};

export const iconFor = (bt: Pick<BusinessType, "icon">): ReactNode => icons[bt.icon] ?? <AppstoreOutlined />;

/** The business type's name in the screen's language, by code. */
export function useTypeName(): (code: string) => string {
  const { i18n } = useTranslation();
  const types = useBusinessTypes();
  const en = i18n.language === "en";
  return useCallback(
    (code: string) => {
      const bt = types.data?.find((b) => b.code === code);
      if (!bt) return code;
      return en ? bt.nameEn : bt.name;
    },
    [types.data, en],
  );
}

export const typeName = (bt: BusinessType, language: string) => (language === "en" ? bt.nameEn : bt.name);
