package dev.scheduling.benchmarks;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * B11: slot search latency through HTTP, from the read model: one calendar holding 1,000 appointments over 31 days,
 * searched over 7 and over 31 days, and ten such calendars searched together over 7 days (the intersection). One
 * client, one request at a time: the latency a person waits for, not a throughput.
 */
final class SlotSearchFigure extends Phase {

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    /** Monday to Saturday 08:00-20:00 in Amsterdam, five minutes after each appointment, published. */
    static final String RULES = "{\"timeZone\":\"Europe/Amsterdam\",\"weekly\":{" + IntStream.rangeClosed(1, 6)
            .mapToObj(day -> "\"" + DayOfWeek.of(day) + "\":[{\"start\":\"08:00\",\"end\":\"20:00\"}]")
            .collect(Collectors.joining(",")) + "},\"bufferAfter\":\"PT5M\",\"minimumNotice\":\"PT1H\","
            + "\"bookingHorizon\":\"P365D\",\"published\":true}";
    private static final int APPOINTMENTS = 1_000;
    private static final int CALENDARS = 10;
    private static final Duration LENGTH = Duration.ofMinutes(10);
    /** 10 minutes booked and 5 of buffer, back to back from 08:00 to 17:15, 37 a day: 1,000 fill the 27 open days. */
    private static final Duration STRIDE = Duration.ofMinutes(15);
    private static final int A_DAY = 37;

    SlotSearchFigure(Context context) {
        super(context);
    }

    void slotSearch() throws Exception {
        LocalDate firstDay = LocalDate.now(ZONE).plusDays(2);
        Instant from = firstDay.atStartOfDay(ZONE).toInstant();
        List<String> calendars = IntStream.range(0, CALENDARS).mapToObj(i -> "b11-cal-" + i).toList();
        long started = System.nanoTime();
        for (String calendar : calendars) {
            put(calendar);
        }
        List<Instant> starts = starts(firstDay);
        for (String calendar : calendars) {
            Load.Result booked = Load.run(http, CLIENTS, Duration.ofMinutes(10), starts.size(), i -> book(calendar,
                    starts.get((int) i)));
            if (booked.count(201) != starts.size()) {
                throw new IllegalStateException("seeding " + calendar + " gave " + booked.describeStatuses());
            }
        }
        awaitProjectionCaughtUp(Duration.ofMinutes(5));
        figures.note(String.format("B11: 10 calendars of %,d appointments each over 31 days, set up in %.1f s",
                starts.size(), (System.nanoTime() - started) / 1e9));

        int samples = mode.name().equals("full") ? 1_000 : 200;
        String range7 = "from=" + from + "&to=" + from.plus(Duration.ofDays(7)) + "&duration=PT30M&step=PT15M";
        String range31 = "from=" + from + "&to=" + from.plus(Duration.ofDays(31)) + "&duration=PT30M&step=PT15M";
        Sample week = sample("/users/b11-cal-0/slots?" + range7, samples);
        Sample month = sample("/users/b11-cal-0/slots?" + range31, samples);
        Sample together = sample("/slots?calendars=" + String.join(",", calendars) + "&" + range7, samples);
        figures.add("B11", "slot search through HTTP, one client: 1 calendar of 1,000 appointments over 7 d / 31 d; "
                        + "10 such calendars together over 7 d",
                String.format("p50 %.1f / %.1f / %.1f ms, p99 %.1f / %.1f / %.1f ms (%d / %d / %d slots)",
                        week.millis(50), month.millis(50), together.millis(50), week.millis(99), month.millis(99),
                        together.millis(99), week.slots(), month.slots(), together.slots()),
                "p99 at most 50 ms, 1 calendar over 7 d", String.format("31 d / 7 d p50: %.2f",
                        month.millis(50) / week.millis(50)), week.millis(99) <= 50);
    }

    /**
     * 37 appointments a day, Monday to Saturday, until 1,000 (the 31 days' open days): busy until 17:15, free after
     * it, so that a search walks a full schedule and still finds about ten half hours a day.
     */
    private static List<Instant> starts(LocalDate firstDay) {
        List<Instant> starts = new ArrayList<>();
        for (LocalDate day = firstDay; starts.size() < APPOINTMENTS; day = day.plusDays(1)) {
            if (day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                continue;
            }
            LocalTime time = LocalTime.of(8, 0);
            for (int i = 0; i < A_DAY && starts.size() < APPOINTMENTS; i++, time = time.plus(STRIDE)) {
                starts.add(day.atTime(time).atZone(ZONE).toInstant());
            }
        }
        return starts;
    }

    record Sample(Histogram micros, int slots) {
        double millis(double percentile) {
            return micros.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    private Sample sample(String path, int samples) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(service.base().resolve(path))
                                         .header("Authorization", "Bearer " + service.token())
                                         .timeout(Duration.ofSeconds(30)).GET().build();
        Histogram micros = new Histogram(60_000_000L, 3);
        int slots = 0;
        for (int i = 0; i < samples + samples / 5; i++) {
            long sent = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long took = (System.nanoTime() - sent) / 1_000;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
            if (i >= samples / 5) {
                // the first fifth warms the path up
                micros.recordValue(took);
            }
            slots = count(response.body(), "\"start\"");
        }
        return new Sample(micros, slots);
    }

    private void put(String calendar) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(rules(calendar), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("rules of " + calendar + ": " + response.statusCode() + " " + response.body());
        }
    }

    /** The request that sets {@link #RULES} on {@code calendar}. */
    HttpRequest rules(String calendar) {
        return HttpRequest.newBuilder(service.base().resolve("/users/" + calendar + "/availability"))
                          .header("Content-Type", "application/json")
                          .header("Authorization", "Bearer " + service.token())
                          .timeout(Duration.ofSeconds(30))
                          .PUT(HttpRequest.BodyPublishers.ofString(RULES)).build();
    }

    private HttpRequest book(String calendar, Instant start) {
        return NonConflictingBookings.hourly(service.base(), service.token()).book(calendar, start, start.plus(LENGTH));
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }
}
