package dev.scheduling.app;

/** The reminder behaviours on db-scheduler deadlines in the service's PostgreSQL (the default). */
class DbSchedulerReminderBehaviourIT extends ReminderBehaviourSuite {

    @Override
    protected String[] deadlineSettings() {
        return new String[]{"scheduling.deadlines.manager=db"};
    }
}
