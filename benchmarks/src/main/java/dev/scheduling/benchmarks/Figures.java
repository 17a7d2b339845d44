package dev.scheduling.benchmarks;

import java.util.ArrayList;
import java.util.List;

/** The table the suite prints: each figure with its unit, goal, ratio to its baseline, and whether it met the goal. */
final class Figures {

    record Row(String id, String what, String figure, String goal, String ratio, Boolean met) {

        String verdict() {
            return met == null ? "-" : met ? "met" : "missed";
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void add(String id, String what, String figure, String goal, String ratio, Boolean met) {
        rows.add(new Row(id, what, figure, goal, ratio, met));
        System.out.printf("%n== %s %s: %s (goal %s; %s) %s%n%n", id, what, figure, goal, ratio, met == null ? "" : met ? "met" : "MISSED");
    }

    void note(String note) {
        notes.add(note);
        System.out.println("   " + note);
    }

    String markdown(String machine) {
        StringBuilder text = new StringBuilder();
        text.append(machine).append("\n\n");
        text.append("| id | what | figure | goal | ratio to baseline | goal met |\n");
        text.append("| --- | --- | --- | --- | --- | --- |\n");
        for (Row row : rows) {
            text.append("| ").append(row.id()).append(" | ").append(row.what()).append(" | ").append(row.figure())
                .append(" | ").append(row.goal()).append(" | ").append(row.ratio()).append(" | ").append(row.verdict())
                .append(" |\n");
        }
        if (!notes.isEmpty()) {
            text.append("\nPhase details:\n\n");
            notes.forEach(note -> text.append("- ").append(note).append('\n'));
        }
        return text.toString();
    }
}
