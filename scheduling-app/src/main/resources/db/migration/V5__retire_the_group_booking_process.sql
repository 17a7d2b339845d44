-- Visits of several calendars are decided in one transaction now (domain.visit.Visits): the saga that used to place,
-- confirm and release their holds calendar by calendar is gone. Its saga rows, its processor's tokens and its pending
-- deadlines (a booking's holds running out) would only be read by nothing, or fire into a saga that no longer exists.
-- The visits' own events stay as they were written (domain.group holds their classes, domain.visit.VisitState reads them).
DELETE FROM associationvalueentry WHERE sagatype = 'dev.scheduling.domain.group.GroupBookingProcess';
DELETE FROM sagaentry WHERE sagatype = 'dev.scheduling.domain.group.GroupBookingProcess';
DELETE FROM tokenentry WHERE processorname = 'GroupBookingProcessProcessor';
DELETE FROM scheduled_tasks WHERE position('group-booking-expiry'::bytea IN task_data) > 0;
