package dev.scheduling.app.privacy;

import dev.scheduling.app.calendar.CalendarCommands;
import dev.scheduling.app.calendar.RequestMetadata;
import dev.scheduling.domain.calendar.ErasePersonalData;
import dev.scheduling.domain.calendar.UserId;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * The right to erasure: an ordinary command to the user's calendar, whose event has the user's key destroyed in the
 * same transaction ({@link PersonalDataShredder}).
 */
public class Erasures {

    private final CalendarCommands commands;

    public Erasures(CalendarCommands commands) {
        this.commands = commands;
    }

    /** Whether anything was left to erase: false when erased before and nothing written since, or never booked. */
    public boolean erase(UserId user, RequestMetadata metadata) {
        try {
            return commands.send(new ErasePersonalData(user), metadata);
        } catch (CommandExecutionException failure) {
            if (failure.getCause() instanceof AggregateNotFoundException) {
                return false; // no calendar, so nothing of the user's was ever stored
            }
            throw failure;
        }
    }
}
