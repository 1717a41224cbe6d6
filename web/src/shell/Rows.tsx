import type { ReactNode } from "react";

// A plain list of rows (title, description, trailing content): what antd's deprecated List was used for.
export function Rows({
  children,
  label,
  maxHeight,
}: {
  children: ReactNode;
  label?: string;
  maxHeight?: number | string;
}) {
  return (
    <ul
      className="tw-rows"
      aria-label={label}
      style={maxHeight ? { maxHeight, overflow: "auto" } : undefined}
    >
      {children}
    </ul>
  );
}

type RowProps = {
  title: ReactNode;
  description?: ReactNode;
  extra?: ReactNode;
  actions?: ReactNode;
  tone?: "warn" | "bad";
};

export function Row({ title, description, extra, actions, tone }: RowProps) {
  return (
    <li className={`tw-row ${tone ? `tw-row-${tone}` : ""}`}>
      <div className="tw-row-main">
        <div className="tw-row-title">{title}</div>
        {description && <div className="tw-row-desc">{description}</div>}
      </div>
      {extra && <div className="tw-row-extra">{extra}</div>}
      {actions && <div className="tw-row-actions">{actions}</div>}
    </li>
  );
}
