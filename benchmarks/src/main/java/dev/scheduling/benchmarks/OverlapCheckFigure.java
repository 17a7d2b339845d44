package dev.scheduling.benchmarks;

import dev.scheduling.domain.calendar.OverlapCheckBenchmark;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * B5: the calendar's overlap check ({@link OverlapCheckBenchmark}) under JMH, at 10, 1k and 100k active
 * appointments.
 */
final class OverlapCheckFigure {

    private OverlapCheckFigure() {
    }

    static void run(Suite.Mode mode, Figures figures) throws Exception {
        Options options = new OptionsBuilder().include(OverlapCheckBenchmark.class.getName())
                                              .forks(mode.jmhForks())
                                              .warmupIterations(mode.jmhIterations())
                                              .warmupTime(TimeValue.milliseconds(mode.jmhIterationTime().toMillis()))
                                              .measurementIterations(mode.jmhIterations())
                                              .measurementTime(TimeValue.milliseconds(mode.jmhIterationTime().toMillis()))
                                              .shouldFailOnError(true)
                                              .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> nanos = new HashMap<>();
        Map<String, Double> errors = new HashMap<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            String key = method + "/" + result.getParams().getParam("activeAppointments");
            nanos.put(key, result.getPrimaryResult().getScore());
            errors.put(key, result.getPrimaryResult().getScoreError());
        }
        double at100k = nanos.get("conflictWith/100000");
        figures.add("B5", "overlap check, JMH (10 / 1k / 100k active appointments)",
                String.format("%.0f / %.0f / %.0f ns (± %.0f at 100k)", nanos.get("conflictWith/10"),
                        nanos.get("conflictWith/1000"), at100k, errors.get("conflictWith/100000")),
                "at most 2 µs at 100k", String.format("100k/10: %.2f", at100k / nanos.get("conflictWith/10")),
                at100k <= 2_000);
        double withRules = nanos.get("checkWithRules/100000");
        figures.add("B5r", "every check of a slot on a calendar with availability rules (hours, notice, horizon, "
                        + "buffers), JMH (10 / 1k / 100k active appointments)",
                String.format("%.0f / %.0f / %.0f ns (± %.0f at 100k)", nanos.get("checkWithRules/10"),
                        nanos.get("checkWithRules/1000"), withRules, errors.get("checkWithRules/100000")),
                "at most 2 µs at 100k", String.format("with rules / without at 100k: %.2f", withRules / at100k),
                withRules <= 2_000);
    }
}
