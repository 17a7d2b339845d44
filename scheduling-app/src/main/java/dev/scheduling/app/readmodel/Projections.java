package dev.scheduling.app.readmodel;

import java.util.Set;

/**
 * The event processors that are projections: rebuilt from the event store by a replay. Every other processor (the
 * reminder saga's) must never be reset: replaying it would schedule every past appointment's reminders again.
 */
public record Projections(Set<String> names) {

    public Projections {
        names = Set.copyOf(names);
    }

    public boolean contains(String name) {
        return names.contains(name);
    }
}
