package dev.scheduling.app;

import dev.scheduling.app.support.EventBridgeOnMoto;
import dev.scheduling.app.support.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The same reminder behaviours on EventBridge Scheduler and SQS (moto, with Scheduler's clock emulated). */
class EventBridgeReminderBehaviourIT extends ReminderBehaviourSuite {

    private static MotoServer moto;
    private static EventBridgeOnMoto eventBridge;

    @BeforeAll
    static void startAws() throws Exception {
        moto = MotoServer.start();
        eventBridge = new EventBridgeOnMoto(moto, "behaviour");
        eventBridge.startClock();
    }

    @AfterAll
    static void stopAws() {
        eventBridge.close();
        moto.close();
    }

    @Override
    protected String[] deadlineSettings() {
        return eventBridge.settings();
    }
}
