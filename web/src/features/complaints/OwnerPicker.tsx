import { Select } from "antd";
import { useDeferredValue, useState } from "react";
import { useTranslation } from "react-i18next";
import { type OwnerCandidate, useOwners } from "./api";

const groups: OwnerCandidate["group"][] = ["hall", "agents", "region", "operator"];

/**
 * 首问负责制 hand-over: whom the complaint may go to, as the server decides it (its hall's staff first,
 * then the region's area managers, administrators last), searched by name or username on the server.
 */
export function OwnerPicker({
  complaintId,
  value,
  onChange,
  id,
}: {
  complaintId: string;
  value?: string;
  onChange?: (v: string) => void;
  id?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const q = useDeferredValue(search.trim());
  const owners = useOwners(complaintId, q);
  const found = owners.data ?? [];
  return (
    <Select<string>
      id={id}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value}
      onChange={onChange}
      loading={owners.isFetching}
      // At most 50 people: all rendered, so the groups below the first screenful are there to read.
      virtual={false}
      placeholder={t("complaints.owner.search")}
      notFoundContent={owners.isFetching ? null : t("complaints.owner.none")}
      options={groups
        .map((g) => ({
          label: t(`complaints.owner.group.${g}`),
          title: t(`complaints.owner.group.${g}`),
          options: found
            .filter((u) => u.group === g)
            .map((u) => ({
              value: u.id,
              label: `${u.displayName} (${u.username}) · ${t(`role.${u.role}`)}`,
            })),
        }))
        .filter((g) => g.options.length > 0)}
    />
  );
}
