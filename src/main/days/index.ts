// Day arithmetic, pure: the PC's local calendar days (the Today screen: today, the same weekday
// last week) and the restaurant's business day (a day start and a time zone, for the sales
// figures and the daily report).
export { type DayCounts, dayBounds, daySummary, sameDayLastWeek, startOfDay } from './calendar-day';
export {
  type BusinessDayRule,
  type BusinessHour,
  businessDayBounds,
  businessDayHours,
  businessDayOf,
  businessHourIndex,
  businessHourOf,
  systemTimeZone,
} from './business-day';
export { wallDateTime } from './zone-clock';
