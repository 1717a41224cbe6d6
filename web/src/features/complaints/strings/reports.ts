// 投诉处理: the working calendar (工作日历) and SLA compliance (时限达成).
export const zh = {
  calendar: {
    title: "工作日历",
    enter: "录入年度节假日安排",
    hint: "国务院办公厅发布次年节假日安排后，每行一天：日期 休/班 名称（班＝调休上班）。保存会替换该年的全部安排。",
    year: "年份",
    days: "安排",
    saved: "{{year}} 年安排已保存",
    count_one: "{{count}} 天",
    count_other: "{{count}} 天",
    source: { state_council: "国务院通知", admin: "管理员录入" },
  },
  slaPage: {
    title: "投诉时限达成",
    byWeek: "按周",
    byHall: "按营业厅",
    byCategory: "按类别",
    onTime: "按时",
    breached: "超时",
    rateTitle: "达成率",
    range: "统计区间",
  },
};

export const en: typeof zh = {
  calendar: {
    title: "Working-day calendar",
    enter: "Enter a year's holiday arrangement",
    hint: "When the State Council publishes next year's arrangement: one day a line, date 休 (off) or 班 (make-up working day) and the name. Saving replaces the whole year.",
    year: "Year",
    days: "Days",
    saved: "Arrangement for {{year}} saved",
    count_one: "{{count}} day",
    count_other: "{{count}} days",
    source: { state_council: "State Council", admin: "Entered by admin" },
  },
  slaPage: {
    title: "Complaint SLA compliance",
    byWeek: "By week",
    byHall: "By hall",
    byCategory: "By category",
    onTime: "On time",
    breached: "Breached",
    rateTitle: "On-time rate",
    range: "Period",
  },
};
