-- The NOTIFY moves out of the writing transaction (see OutboxNotifier): a notifying transaction holds a
-- database-wide lock from its pre-commit through its WAL flush, which serialised every job-creating commit.
DROP TRIGGER outbox_events_notify ON outbox_events;
DROP FUNCTION notify_outbox();
