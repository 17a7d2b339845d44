package dev.scheduling.app;

import dev.scheduling.app.support.EventBridgeOnMoto;
import dev.scheduling.app.support.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The same reminder behaviours on EventBridge Scheduler and SQS (moto, with Scheduler's clock emulated). */
class EventBridgeReminderBehaviourIT extends ReminderBehaviourSuite {

    private static EventBridgeOnMoto eventBridge;

    @BeforeAll
    static void startAws() {
        eventBridge = new EventBridgeOnMoto(MotoServer.shared(), "behaviour");
        eventBridge.startClock();
    }

    @AfterAll
    static void stopAws() {
        eventBridge.close();
    }

    @Override
    protected String[] deadlineSettings() {
        return eventBridge.settings();
    }
}
