package dev.scheduling.projections.appointments;

import dev.scheduling.projections.calendars.CalendarTable;
import dev.scheduling.domain.calendar.AppointmentBooked;
import dev.scheduling.domain.calendar.AppointmentCancelled;
import dev.scheduling.domain.calendar.AppointmentDetails;
import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.TimeSlot;
import dev.scheduling.domain.calendar.UserId;
import dev.scheduling.projections.dynamodb.LocalDynamoDb;
import dev.scheduling.projections.dynamodb.OutageRetry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Queries answered from DynamoDB Local, on items written by the projection. */
class AppointmentQueriesTest {

    private static final Instant DAY = Instant.parse("2026-12-02T00:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);

    private final ReversibleSeal seal = new ReversibleSeal();
    private AppointmentsProjection projection;
    private AppointmentQueries queries;
    private long sequence;

    @BeforeEach
    void setUp() {
        AppointmentTable table = new AppointmentTable(LocalDynamoDb.enhancedClient(), LocalDynamoDb.newAppointmentsTable());
        projection = new AppointmentsProjection(table, new CalendarTable(LocalDynamoDb.enhancedClient(), LocalDynamoDb.newCalendarsTable()), seal, OutageRetry.NONE, 16, Clock.systemUTC(), new SimpleMeterRegistry());
        queries = new AppointmentQueries(table, seal, Duration.ofHours(24));
    }

    @Test
    void a_listing_holds_what_overlaps_the_range_sorted_by_start() {
        String late = book("alice", DAY.plus(HOUR.multipliedBy(15)), HOUR);
        String early = book("alice", DAY.plus(HOUR.multipliedBy(9)), HOUR);
        String runningInto = book("alice", DAY.minus(HOUR), HOUR.multipliedBy(2));
        book("alice", DAY.minus(HOUR.multipliedBy(2)), HOUR.multipliedBy(2)); // ends as the range starts
        book("alice", DAY.plus(Duration.ofDays(1)), HOUR); // starts as the range ends
        book("bob", DAY.plus(HOUR.multipliedBy(9)), HOUR);

        AppointmentPage page = queries.handle(find("alice", DAY, DAY.plus(Duration.ofDays(1)), StatusFilter.BOOKED, 50, null));

        assertThat(AppointmentsProjectionTest.ids(page.appointments())).containsExactly(runningInto, early, late);
        assertThat(page.nextPageToken()).isNull();
    }

    @Test
    void cancelled_appointments_are_left_out_unless_asked_for() {
        String kept = book("alice", DAY.plus(HOUR), HOUR);
        String cancelled = book("alice", DAY.plus(HOUR.multipliedBy(3)), HOUR);
        cancel("alice", cancelled, DAY.plus(HOUR.multipliedBy(3)));

        assertThat(ids(find("alice", null, null, StatusFilter.BOOKED, 50, null))).containsExactly(kept);
        assertThat(ids(find("alice", null, null, StatusFilter.CANCELLED, 50, null))).containsExactly(cancelled);
        assertThat(ids(find("alice", null, null, StatusFilter.ALL, 50, null))).containsExactly(kept, cancelled);
    }

    @Test
    void pages_follow_one_another_without_gaps_or_repeats() {
        List<String> booked = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            booked.add(book("alice", DAY.plus(HOUR.multipliedBy(i)), HOUR));
            if (i % 3 == 0) { // cancelled ones among them, which the filter drops page by page
                cancel("alice", book("alice", DAY.plus(HOUR.multipliedBy(i)).plusSeconds(1), Duration.ofSeconds(1)), DAY);
            }
        }

        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        PageToken token = null;
        do {
            AppointmentPage page = queries.handle(find("alice", null, null, StatusFilter.BOOKED, 4, token));
            seen.addAll(AppointmentsProjectionTest.ids(page.appointments()));
            sizes.add(page.appointments().size());
            token = page.nextPageToken() == null ? null : PageToken.decode(page.nextPageToken()).orElseThrow();
        } while (token != null);

        assertThat(seen).containsExactlyElementsOf(booked);
        assertThat(sizes).containsExactly(4, 4, 4, 2);
    }

    /**
     * A filter that matches nothing among 1,500 appointments: one request reads at most {@code MAX_ITEMS_READ} of
     * them, answers an empty page that names where to go on, and the next request goes on from there.
     */
    @Test
    void a_filtered_listing_reads_a_bounded_number_of_items_per_request() {
        for (int i = 0; i < 1_500; i++) {
            book("crowded", DAY.plus(Duration.ofMinutes(10L * i)), Duration.ofMinutes(5));
        }

        List<Integer> sizes = new ArrayList<>();
        PageToken token = null;
        do {
            AppointmentPage page = queries.handle(find("crowded", null, null, StatusFilter.CANCELLED, 1, token));
            sizes.add(page.appointments().size());
            token = page.nextPageToken() == null ? null : PageToken.decode(page.nextPageToken()).orElseThrow();
        } while (token != null);

        assertThat(sizes).as("pages until the end, each request reading at most %d items", AppointmentQueries.MAX_ITEMS_READ)
                         .hasSizeBetween(2, 3)
                         .containsOnly(0);
    }

    @Test
    void a_page_token_of_another_listing_is_refused() {
        book("alice", DAY.plus(HOUR), HOUR);
        PageToken elsewhere = new PageToken("2000-01-01T00:00:00.000000000Z", UUID.randomUUID().toString());

        assertThatThrownBy(() -> queries.handle(find("alice", DAY, null, StatusFilter.BOOKED, 5, elsewhere)))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("pageToken");
    }

    @Test
    void an_appointment_is_found_by_its_user_only() {
        String id = book("alice", DAY, HOUR);

        assertThat(queries.handle(new FindAppointment("alice", id))).extracting(AppointmentView::status).isEqualTo("BOOKED");
        assertThat(queries.handle(new FindAppointment("bob", id))).isNull();
        assertThat(queries.handle(new FindAppointment("alice", UUID.randomUUID().toString()))).isNull();
    }

    @Test
    void page_tokens_that_were_not_issued_are_refused() {
        assertThat(PageToken.decode("not base64 !")).isEmpty();
        assertThat(PageToken.decode("aGVsbG8")).isEmpty(); // "hello"
        assertThat(PageToken.decode(java.util.Base64.getUrlEncoder().encodeToString("2026-12-02|x".getBytes()))).isEmpty();
        PageToken issued = new PageToken("2026-12-02T10:00:00.000000000Z", UUID.randomUUID().toString());
        assertThat(PageToken.decode(issued.encode())).contains(issued);
    }

    private String book(String user, Instant start, Duration length) {
        AppointmentId id = new AppointmentId(UUID.randomUUID());
        handled(() -> projection.on(new AppointmentBooked(new UserId(user), id, new TimeSlot(start, start.plus(length)),
                AppointmentDetails.untitled()), sequence++, Instant.now(), ReplayStatus.REGULAR));
        return id.toString();
    }

    private void cancel(String user, String id, Instant start) {
        handled(() -> projection.on(new AppointmentCancelled(new UserId(user), AppointmentId.fromString(id),
                new TimeSlot(start, start.plusSeconds(1)), null), sequence++, Instant.now(), ReplayStatus.REGULAR));
    }

    private List<String> ids(FindAppointments query) {
        return AppointmentsProjectionTest.ids(queries.handle(query).appointments());
    }

    private static FindAppointments find(String user, Instant from, Instant to, StatusFilter status, int size, PageToken token) {
        return new FindAppointments(user, from, to, status, size, token);
    }

    /** Handles events as the projection's processor does: in a unit of work of their own, written at its commit. */
    private static void handled(Runnable handling) {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
        handling.run();
        batch.commit();
    }
}
