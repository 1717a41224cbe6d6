import { Button, Result } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

export function Forbidden() {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={t("state.forbidden")}
      subTitle={t("state.forbiddenHint")}
      extra={
        <Link to="/">
          <Button type="primary">{t("action.back")}</Button>
        </Link>
      }
    />
  );
}

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t("state.notFound")}
      extra={
        <Link to="/">
          <Button type="primary">{t("action.back")}</Button>
        </Link>
      }
    />
  );
}

export function BadDevice() {
  const { t } = useTranslation();
  return <Result status="warning" title={t("state.badDevice")} subTitle={t("state.badDeviceHint")} />;
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Result
      status="error"
      title={t("state.error")}
      subTitle={error instanceof Error ? error.message : String(error)}
      extra={onRetry ? <Button onClick={onRetry}>{t("action.retry")}</Button> : undefined}
    />
  );
}
