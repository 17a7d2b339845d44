package dev.scheduling.app.privacy;

import dev.scheduling.app.calendar.CalendarCommands;
import dev.scheduling.app.calendar.RequestMetadata;
import dev.scheduling.domain.calendar.ErasePersonalData;
import dev.scheduling.domain.calendar.UserId;

/** The right to erasure, as the web layer asks for it: the erasure command ({@link PersonalDataEraser} handles it). */
public class Erasures {

    private final CalendarCommands commands;

    public Erasures(CalendarCommands commands) {
        this.commands = commands;
    }

    /** Whether anything was left to erase: false when erased before and nothing written since. */
    public boolean erase(UserId user, RequestMetadata metadata) {
        PersonalDataEraser.Erasure erasure = commands.send(new ErasePersonalData(user), metadata);
        return erasure.erased();
    }
}
