package dev.scheduling.app;

import dev.scheduling.app.support.Bookings;
import dev.scheduling.app.support.Eventually;
import dev.scheduling.app.support.MotoServer;
import dev.scheduling.app.support.OtlpReceiver;
import dev.scheduling.app.support.OtlpReceiver.ReceivedSpan;
import dev.scheduling.app.support.RunningService;
import dev.scheduling.app.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Traces end to end: the service exports over OTLP/HTTP to a receiver in the test, which decodes the protobuf. One
 * booking is one trace: the HTTP request, the command, the events' publication and append, the projection's handler
 * and its write to DynamoDB, the reminder saga, and, seconds later on the deadline's thread, the deadline and the
 * reminder's publication to SNS, all children of the request's span by way of the events' and the deadline's metadata.
 */
class TracingIT {

    private static final MotoServer moto = MotoServer.shared();
    private static OtlpReceiver receiver;
    private static RunningService service;

    @BeforeAll
    static void start() {
        receiver = OtlpReceiver.start();
        MotoServer.TopicWithQueue topic = moto.topicWithQueue("reminders-traced");
        List<String> settings = new ArrayList<>(List.of(MotoServer.snsSettings(topic.topicArn(), moto.endpoint())));
        settings.addAll(List.of("scheduling.reminders.offsets=PT4S",
                "management.otlp.tracing.endpoint=" + receiver.endpoint(),
                "management.tracing.sampling.probability=1.0"));
        service = RunningService.onDatabase(TestPostgres.newDatabase(), settings.toArray(String[]::new));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void a_booking_is_one_trace_from_the_request_to_its_reminder() {
        // due 15 s from now (offset 4 s): time for the booking to land first, however busy the machine
        Instant start = Instant.now().plusSeconds(19).truncatedTo(ChronoUnit.SECONDS);
        var booked = service.api().calendar("tracy").book(Bookings.at(start, Duration.ofMinutes(30)).title("Traced"));
        assertThat(booked.status()).isEqualTo(201);

        Eventually.await("the reminder's publication exported", Duration.ofSeconds(90), () ->
                receiver.spans().stream().anyMatch(span -> span.name().startsWith("ReminderPublisher.publish")));
        ReceivedSpan request = receiver.spans().stream()
                .filter(span -> span.kind().equals("SPAN_KIND_SERVER") && span.name().contains("/users/{userId}/appointments"))
                .filter(span -> span.name().startsWith("http post"))
                .findFirst().orElseThrow(() -> new AssertionError("no request span among " + names(receiver.spans())));
        List<ReceivedSpan> trace = receiver.trace(request.traceId());
        String tree = OtlpReceiver.tree(trace);
        System.out.println("The booking's trace:\n" + tree);
        receiver.spans().stream().filter(span -> span.name().startsWith("ReminderPublisher.publish"))
                .forEach(publish -> System.out.println("The reminder's publication's trace:\n"
                        + OtlpReceiver.tree(receiver.trace(publish.traceId()))));

        assertThat(request.parentSpanId()).as("the request starts the trace").isEmpty();
        assertThat(trace).allSatisfy(span -> assertThat(descendsFrom(span, request, trace))
                .as("%s under the request", span.name()).isTrue());
        assertThat(names(trace)).as(tree).anyMatch(name -> name.contains("BookAppointment"))
                                .anyMatch(name -> name.contains("AppointmentsProjection.write"))
                                .anyMatch(name -> name.contains("AppointmentReminderSaga"))
                                .anyMatch(name -> name.contains("reminder-due") || name.contains("Deadline"))
                                .anyMatch(name -> name.startsWith("ReminderPublisher.publish"));
        assertThat(ancestors(named(trace, "AppointmentsProjection.write(AppointmentBooked)"), trace))
                .as("the read model's write continues the booking's event").contains("EventBus.publishEvent(AppointmentBooked)");
        assertThat(ancestors(named(trace, "EventBus.commitEvents"), trace)).as("the append, in the command's handling")
                .contains("CommandBus.handleCommand(BookAppointment)");
        assertThat(ancestors(named(trace, "ReminderPublisher.publish"), trace))
                .as("the reminder, from the deadline the saga scheduled when the booking's event reached it")
                .containsSubsequence("http post /users/{userId}/appointments", "EventBus.publishEvent(AppointmentBooked)",
                        "AppointmentReminderSaga.on(AppointmentBooked,Instant,DeadlineManager,ReminderSettings)",
                        "DeadlineManager.scheduleDeadline(reminder-due)(ReminderDue)",
                        "DeadlineManager.executeDeadline(ReminderDue)");
        assertThat(receiver.contentTypes()).allMatch(type -> type.startsWith("application/x-protobuf"));
    }

    private static boolean descendsFrom(ReceivedSpan span, ReceivedSpan root, List<ReceivedSpan> trace) {
        ReceivedSpan current = span;
        for (int depth = 0; depth < 64 && current != null; depth++) {
            if (current.spanId().equals(root.spanId())) {
                return true;
            }
            String parent = current.parentSpanId();
            current = trace.stream().filter(candidate -> candidate.spanId().equals(parent)).findFirst().orElse(null);
        }
        return false;
    }

    private static ReceivedSpan named(List<ReceivedSpan> trace, String name) {
        return trace.stream().filter(span -> span.name().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no span " + name + " in\n" + OtlpReceiver.tree(trace)));
    }

    /** The names of the span's ancestors, the root first. */
    private static List<String> ancestors(ReceivedSpan span, List<ReceivedSpan> trace) {
        List<String> names = new ArrayList<>();
        ReceivedSpan current = span;
        for (int depth = 0; depth < 64; depth++) {
            String parent = current.parentSpanId();
            current = trace.stream().filter(candidate -> candidate.spanId().equals(parent)).findFirst().orElse(null);
            if (current == null) {
                break;
            }
            names.add(0, current.name());
        }
        return names;
    }

    private static List<String> names(List<ReceivedSpan> spans) {
        return spans.stream().map(ReceivedSpan::name).toList();
    }
}
