-- The audit export selects events by time range across all calendars.
CREATE INDEX domainevententry_timestamp_idx ON domainevententry (timestamp);
