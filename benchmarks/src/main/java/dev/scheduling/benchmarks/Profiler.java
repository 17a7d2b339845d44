package dev.scheduling.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * async-profiler on the service during one phase: loaded with {@code jcmd JVMTI.agent_load}, sampling CPU time
 * (itimer, so every thread: request threads, event processors, GC and JIT compiler threads alike) every
 * millisecond, and summarised: CPU by thread, by the innermost library on the stack, by method, and under our own
 * methods. Off unless the suite runs with {@code --profile}. The raw stacks stay in the run directory as
 * {@code <phase>.collapsed} (flame-graph input).
 */
final class Profiler {

    /** Innermost match wins: a Jackson frame under Axon's serializer counts as JSON. */
    private static final Map<String, Pattern> LIBRARIES = new LinkedHashMap<>();

    static {
        LIBRARIES.put("JSON (Jackson)", Pattern.compile("^com\\.fasterxml\\.jackson\\."));
        LIBRARIES.put("PostgreSQL driver", Pattern.compile("^org\\.postgresql\\."));
        LIBRARIES.put("connection pool (Hikari)", Pattern.compile("^com\\.zaxxer\\.hikari\\."));
        LIBRARIES.put("AWS SDK (DynamoDB client)", Pattern.compile("^software\\.amazon\\.awssdk\\.|^org\\.apache\\.http\\."));
        LIBRARIES.put("db-scheduler", Pattern.compile("^com\\.github\\.kagkarlsson\\."));
        LIBRARIES.put("logging", Pattern.compile("^ch\\.qos\\.logback\\.|^org\\.slf4j\\."));
        LIBRARIES.put("metrics (Micrometer)", Pattern.compile("^io\\.micrometer\\."));
        LIBRARIES.put("scheduling code", Pattern.compile("^dev\\.scheduling\\."));
        LIBRARIES.put("Axon", Pattern.compile("^org\\.axonframework\\."));
        LIBRARIES.put("HTTP (Tomcat)", Pattern.compile("^org\\.apache\\.(coyote|tomcat|catalina)\\."));
        LIBRARIES.put("Spring", Pattern.compile("^org\\.springframework\\."));
        LIBRARIES.put("JVM (GC, JIT compiler, runtime)", Pattern.compile("^[A-Za-z_]+::|^\\[GC|^\\[C[12]|^Java_|^JVM_|\\.so$|^__|^\\[unknown"));
    }

    private final boolean enabled;
    private final Path runDir;
    private final Path jcmd = ServiceProcess.java("jcmd");
    private Path agent;

    Profiler(boolean enabled, Path runDir) {
        this.enabled = enabled;
        this.runDir = runDir;
    }

    void start(long pid, String phase) {
        if (enabled) {
            jcmd(pid, "JVMTI.agent_load", agent().toString(), "\"start,event=itimer,interval=1ms,threads\"");
        }
    }

    /** Stops the profiler and returns its summary of the phase (empty when profiling is off). */
    String stop(long pid, String phase) {
        if (!enabled) {
            return "";
        }
        Path file = runDir.resolve(phase + ".collapsed");
        // quoted: jcmd would cut the agent's options at the first comma
        jcmd(pid, "JVMTI.agent_load", agent().toString(), "\"stop,collapsed,file=" + file + "\"");
        try {
            String summary = summarize(phase, Files.readAllLines(file));
            Files.writeString(runDir.resolve(phase + "-profile.txt"), summary);
            return summary;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The linux-x64 agent out of the async-profiler jar on the class path. */
    private Path agent() {
        if (agent == null) {
            try (InputStream library = Profiler.class.getResourceAsStream("/linux-x64/libasyncProfiler.so")) {
                if (library == null) {
                    throw new IllegalStateException("async-profiler's linux-x64 agent is not on the class path");
                }
                agent = runDir.resolve("libasyncProfiler.so");
                Files.copy(library, agent, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return agent;
    }

    private void jcmd(long pid, String... arguments) {
        List<String> command = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || output.contains("ERROR")) {
                throw new IllegalStateException("jcmd " + String.join(" ", arguments) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Summarises collapsed stacks: {@code [thread tid=1];root;...;leaf count}, one stack a line. */
    static String summarize(String phase, List<String> collapsed) {
        Map<String, Long> byThread = new HashMap<>();
        Map<String, Long> byLibrary = new HashMap<>();
        Map<String, Long> selfByMethod = new HashMap<>();
        Map<String, Long> ourInclusive = new HashMap<>();
        long samples = 0;
        for (String line : collapsed) {
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            long count = Long.parseLong(line.substring(space + 1).trim());
            List<String> frames = new ArrayList<>(List.of(line.substring(0, space).split(";")));
            String thread = "?";
            if (!frames.isEmpty() && frames.get(0).startsWith("[") && frames.get(0).contains("tid=")) {
                thread = threadGroup(frames.remove(0));
            }
            frames.replaceAll(Profiler::frame);
            samples += count;
            byThread.merge(thread, count, Long::sum);
            byLibrary.merge(library(frames), count, Long::sum);
            selfByMethod.merge(frames.isEmpty() ? "?" : frames.get(frames.size() - 1), count, Long::sum);
            Set<String> seen = new HashSet<>();
            for (String frame : frames) {
                if (frame.startsWith("dev.scheduling.") && seen.add(frame)) {
                    ourInclusive.merge(frame, count, Long::sum);
                }
            }
        }
        StringBuilder text = new StringBuilder();
        text.append("profile of ").append(phase).append(": ").append(samples)
            .append(" CPU samples of 1 ms (async-profiler, itimer)\n");
        append(text, "CPU by thread", byThread, samples, 10);
        append(text, "CPU by innermost library on the stack", byLibrary, samples, 14);
        append(text, "CPU by method (self)", selfByMethod, samples, 15);
        append(text, "CPU under our methods (inclusive)", ourInclusive, samples, 15);
        return text.toString();
    }

    private static void append(StringBuilder text, String title, Map<String, Long> counts, long total, int limit) {
        text.append("  ").append(title).append(":\n");
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit)
              .forEach(e -> text.append(String.format("    %5.1f %%  %s%n", 100.0 * e.getValue() / Math.max(1, total),
                      e.getKey())));
    }

    private static String library(List<String> frames) {
        for (int i = frames.size() - 1; i >= 0; i--) {
            for (Map.Entry<String, Pattern> library : LIBRARIES.entrySet()) {
                if (library.getValue().matcher(frames.get(i)).find()) {
                    return library.getKey();
                }
            }
        }
        return "JDK and other";
    }

    /** "java/util/HashMap.get_[j]" reads "java.util.HashMap.get". */
    private static String frame(String frame) {
        String name = frame.replaceAll("_\\[[a-z0-9]\\]$", "");
        return name.contains("::") || name.startsWith("[") ? name : name.replace('/', '.');
    }

    /** "[http-nio-127.0.0.1-8080-exec-12 tid=4711]" and "[http-nio-…-exec-3 tid=…]" are one group. */
    static String threadGroup(String frame) {
        String name = frame.substring(1, frame.lastIndexOf(" tid=") > 0 ? frame.lastIndexOf(" tid=") : frame.length() - 1);
        return name.replaceAll("\\d+", "#");
    }
}
