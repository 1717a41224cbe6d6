// The customer's list of halls (no login): where to go now, and which halls hold the certificate.
export const zh = {
  title: "附近营业厅",
  open: "营业中",
  closed: "已打烊",
  waiting: "等候 {{n}} 人",
  estimate: "预计等候约 {{m}} 分钟",
  certified: "挂牌营业厅",
  certifiedHint: "达到统一服务标准，经本季度评估挂牌",
  empty: "该地区暂无营业厅",
};
export const en: typeof zh = {
  title: "Halls nearby",
  open: "Open",
  closed: "Closed",
  waiting: "{{n}} waiting",
  estimate: "About {{m}} min wait",
  certified: "Certified hall",
  certifiedHint: "Meets the unified service standard, certified this quarter",
  empty: "No halls in this area",
};
