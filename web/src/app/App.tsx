import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { BrowserRouter, Route, Routes } from "react-router-dom";
import { ApiError } from "../api/client";
import { SessionProvider } from "../api/session";
import { NotFound } from "../shell/Forbidden";
import { Loading } from "../shell/Loading";
import { theme } from "./theme";

const LoginPage = lazy(() => import("../features/auth/LoginPage"));
const HomePage = lazy(() => import("../features/auth/HomePage"));
const KioskPage = lazy(() => import("../features/kiosk/KioskPage"));
const DisplayPage = lazy(() => import("../features/display/DisplayPage"));
const CounterPage = lazy(() => import("../features/counter/CounterPage"));
const CounterPicker = lazy(() => import("../features/counter/CounterPicker"));
const FloorPage = lazy(() => import("../features/floor/FloorPage"));
const BoardPage = lazy(() => import("../features/board/BoardPage"));
const PadPage = lazy(() => import("../features/pad/PadPage"));
const AdminPage = lazy(() => import("../features/admin/AdminPage"));
const ComplaintsApp = lazy(() => import("../features/complaints/ComplaintsApp"));
const FaultsApp = lazy(() => import("../features/faults/FaultsApp"));
const FieldApp = lazy(() => import("../features/field/FieldApp"));
const StaffingApp = lazy(() => import("../features/staff/StaffingApp"));
const MyShiftsPage = lazy(() => import("../features/staff/MyShiftsPage"));
const QualityPage = lazy(() => import("../features/quality/QualityPage"));
const MyRatingsPage = lazy(() => import("../features/quality/MyRatingsPage"));
const PulsePage = lazy(() => import("../features/quality/PulsePage"));
const HallsPage = lazy(() => import("../features/public/HallsPage"));
const ReportsPage = lazy(() => import("../features/reports/ReportsPage"));
const CampaignsPage = lazy(() => import("../features/campaigns/CampaignsPage"));
const SiteApp = lazy(() => import("../features/site/SiteApp"));
const MeetingsPage = lazy(() => import("../features/meetings/MeetingsPage"));
const TrainingPage = lazy(() => import("../features/training/TrainingPage"));
const RatePage = lazy(() => import("../features/quality/RatePage"));
const InspectionsPage = lazy(() => import("../features/quality/inspection/InspectionsPage"));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      // A 4xx will not change by asking again; network trouble will.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 3,
      refetchOnWindowFocus: false,
    },
  },
});

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider
      theme={theme}
      locale={i18n.language === "en" ? enUS : zhCN}
      button={{ autoInsertSpace: false }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <SessionProvider>
            <BrowserRouter>
              <Suspense fallback={<Loading />}>
                <Routes>
                  <Route path="/login" element={<LoginPage />} />
                  <Route path="/" element={<HomePage />} />
                  <Route path="/kiosk/:hallId" element={<KioskPage />} />
                  <Route path="/display/:hallId" element={<DisplayPage />} />
                  <Route path="/counter/:hallId" element={<CounterPicker />} />
                  <Route path="/counter/:hallId/:counterId" element={<CounterPage />} />
                  <Route path="/floor/:hallId" element={<FloorPage />} />
                  <Route path="/board/:hallId" element={<BoardPage />} />
                  <Route path="/pad/:hallId/:counterId" element={<PadPage />} />
                  <Route path="/admin" element={<AdminPage />} />
                  <Route path="/campaigns" element={<CampaignsPage />} />
                  <Route path="/complaints/*" element={<ComplaintsApp />} />
                  <Route path="/faults/*" element={<FaultsApp />} />
                  <Route path="/field/*" element={<FieldApp />} />
                  <Route path="/staffing/:hallId" element={<StaffingApp />} />
                  <Route path="/site/:hallId" element={<SiteApp />} />
                  <Route path="/meetings/:hallId" element={<MeetingsPage />} />
                  <Route path="/training" element={<TrainingPage />} />
                  <Route path="/quality" element={<QualityPage />} />
                  <Route path="/inspections" element={<InspectionsPage />} />
                  <Route path="/r/:token" element={<RatePage />} />
                  <Route path="/halls/:regionCode" element={<HallsPage />} />
                  <Route path="/my-ratings" element={<MyRatingsPage />} />
                  <Route path="/pulse" element={<PulsePage />} />
                  <Route path="/reports" element={<ReportsPage />} />
                  <Route path="/my-shifts" element={<MyShiftsPage />} />
                  <Route path="*" element={<NotFound />} />
                </Routes>
              </Suspense>
            </BrowserRouter>
          </SessionProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
