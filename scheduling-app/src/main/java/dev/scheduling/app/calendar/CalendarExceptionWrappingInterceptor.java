package dev.scheduling.app.calendar;

import dev.scheduling.domain.calendar.CalendarError;
import dev.scheduling.domain.calendar.CalendarException;
import dev.scheduling.domain.visit.ParticipantsUnavailableException;
import dev.scheduling.domain.visit.Visits;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;

import java.util.Map;

/**
 * Puts a refused command's code and data (a visit's refusals too) into the {@link CommandExecutionException}
 * details, where clients read them.
 */
public class CalendarExceptionWrappingInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        try {
            return chain.proceed();
        } catch (CalendarException e) {
            throw new CommandExecutionException(e.getMessage(), e,
                    new CommandFailure(e.error(), e.getMessage(), e.data()));
        } catch (ParticipantsUnavailableException e) {
            throw new CommandExecutionException(e.getMessage(), e, new CommandFailure(CalendarError.PARTICIPANT_UNAVAILABLE,
                    e.getMessage(), Map.of("appointmentId", e.appointmentId().toString()), e.refusals()));
        } catch (AggregateNotFoundException e) {
            // a calendar never booked holds no appointment to change; a visit's command names no visit of that id
            boolean ofVisit = unitOfWork.getMessage().getPayload().getClass().getPackage() == Visits.class.getPackage();
            String message = ofVisit ? "No appointment " + e.getAggregateIdentifier()
                    : "No appointment with that id on calendar " + e.getAggregateIdentifier();
            throw new CommandExecutionException(message, e,
                    new CommandFailure(CalendarError.APPOINTMENT_NOT_FOUND, message, Map.of()));
        }
    }
}
