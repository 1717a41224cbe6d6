import {
  AppstoreOutlined,
  CloseCircleOutlined,
  EditOutlined,
  GiftOutlined,
  IdcardOutlined,
  PauseCircleOutlined,
  PrinterOutlined,
  QuestionCircleOutlined,
  RollbackOutlined,
  SearchOutlined,
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
  wallet: <WalletOutlined aria-hidden />,
  swap: <SwapOutlined aria-hidden />,
  pause: <PauseCircleOutlined aria-hidden />,
  idcard: <IdcardOutlined aria-hidden />,
  "user-add": <UserAddOutlined aria-hidden />,
  question: <QuestionCircleOutlined aria-hidden />,
  "close-circle": <CloseCircleOutlined aria-hidden />,
  rollback: <RollbackOutlined aria-hidden />,
  gift: <GiftOutlined aria-hidden />,
  edit: <EditOutlined aria-hidden />,
  search: <SearchOutlined aria-hidden />,
  printer: <PrinterOutlined aria-hidden />,
};

export const iconFor = (bt: Pick<BusinessType, "icon">): ReactNode =>
  icons[bt.icon] ?? <AppstoreOutlined aria-hidden />;

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
