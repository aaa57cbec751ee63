// Day arithmetic in the PC's local time (today, the same weekday last week), pure. The sales
// issue's business day (a start hour, a time zone) builds on it.
export { type DayCounts, dayBounds, daySummary, sameDayLastWeek, startOfDay } from './calendar-day';
