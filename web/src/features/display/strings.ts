export const zh = {
  title: "叫号屏",
  pleaseGo: "请",
  numberSuffix: "号",
  goTo: "到",
  handle: "办理",
  counter: "{{n}}号窗口",
  recent: "最近叫号",
  number: "号码",
  window: "窗口",
  recall: "重呼",
  waitingTitle: "当前等候",
  waitingTotal: "共 {{n}} 人等候",
  waitingNone: "当前无人等候，欢迎取号办理",
  noCalls: "暂无叫号，请耐心等候",
  notice:
    "温馨提示：请留意屏幕及语音叫号，过号请到咨询台重新安排。交费、查询等业务可通过手机营业厅、短信营业厅或拨打 10086 办理，节省您的时间。",
  enableVoice: "点击屏幕任意位置开启语音播报",
};

export const en: typeof zh = {
  title: "Calling display",
  pleaseGo: "Number",
  numberSuffix: "",
  goTo: "please go to",
  handle: "",
  counter: "Counter {{n}}",
  recent: "Recent calls",
  number: "Number",
  window: "Counter",
  recall: "Recall",
  waitingTitle: "Waiting now",
  waitingTotal: "{{n}} waiting in all",
  waitingNone: "No one is waiting — take a ticket and we'll be right with you",
  noCalls: "No calls yet — thank you for waiting",
  notice:
    "Please watch the screen and listen for your number. Missed your call? See the consult desk. Payments and enquiries are also available in the mobile app, by SMS or on 10086.",
  enableVoice: "Touch the screen to turn on voice announcements",
};
