package dev.scheduling.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time and memory of processes, read from Linux's /proc: what the service, PostgreSQL and the harness itself
 * used during a phase, against what the machine had (so a table row can say which of them was the limit).
 */
final class ProcStats {

    /** Linux reports CPU times in clock ticks of 1/100 s on every platform the JDK runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    record Memory(long rssKib, long peakKib) {
    }

    /** CPU seconds used so far by the service, the PostgreSQL server (all its processes), this JVM, and the machine. */
    record Cpu(double service, double postgres, double harness, double machineBusy, double machineTotal) {

        Cpu minus(Cpu earlier) {
            return new Cpu(service - earlier.service, postgres - earlier.postgres, harness - earlier.harness,
                    machineBusy - earlier.machineBusy, machineTotal - earlier.machineTotal);
        }

        /** Each as cores used on average over {@code seconds}: "1.6" is 160 % of one core. */
        String describe(double seconds, int cores) {
            double busy = machineTotal == 0 ? 0 : machineBusy / machineTotal * cores;
            return String.format("machine %.2f of %d cores busy: service %.2f, PostgreSQL %.2f, harness+DynamoDB Local %.2f",
                    busy, cores, service / seconds, postgres / seconds, harness / seconds);
        }
    }

    private ProcStats() {
    }

    static Memory memory(long pid) {
        long rss = 0;
        long peak = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kib(line);
                } else if (line.startsWith("VmHWM:")) {
                    peak = kib(line);
                }
            }
        } catch (IOException e) {
            return new Memory(0, 0);
        }
        return new Memory(rss, peak);
    }

    static Cpu cpu(long servicePid, long postmasterPid) {
        double postgres = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                long[] stat = stat(process);
                if (stat != null && stat[0] == postmasterPid) {
                    // with the time of backends that have exited (closed connections), which moves to the parent
                    postgres += (stat[2] + stat[3] + stat[4] + stat[5]) / TICKS_PER_SECOND;
                } else if (stat != null && stat[1] == postmasterPid) {
                    postgres += (stat[2] + stat[3]) / TICKS_PER_SECOND;
                }
            }
        } catch (IOException e) {
            postgres = 0;
        }
        long[] service = stat(Path.of("/proc", Long.toString(servicePid)));
        long[] self = stat(Path.of("/proc", Long.toString(ProcessHandle.current().pid())));
        double[] machine = machine();
        return new Cpu(service == null ? 0 : (service[2] + service[3]) / TICKS_PER_SECOND,
                postgres, self == null ? 0 : (self[2] + self[3]) / TICKS_PER_SECOND, machine[0], machine[1]);
    }

    /** pid, ppid, utime, stime, cutime, cstime of a process; null when it is gone. */
    private static long[] stat(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            // the command name is in parentheses and may hold spaces: fields are counted after the last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long pid = Long.parseLong(stat.substring(0, stat.indexOf(' ')));
            return new long[]{pid, Long.parseLong(fields[1]), Long.parseLong(fields[11]), Long.parseLong(fields[12]),
                    Long.parseLong(fields[13]), Long.parseLong(fields[14])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Busy and total CPU seconds of the whole machine, all cores, from /proc/stat. */
    private static double[] machine() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new double[]{(total - idle) / TICKS_PER_SECOND, total / TICKS_PER_SECOND};
        } catch (IOException | RuntimeException e) {
            return new double[]{0, 0};
        }
    }

    static long memTotalKib() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/meminfo"));
            return lines.stream().filter(l -> l.startsWith("MemTotal:")).mapToLong(ProcStats::kib).findFirst().orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
