package dev.scheduling.app.observability;

import dev.scheduling.domain.calendar.CommandMetadata;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.Map;

/**
 * Each event handler's log lines (the projection, the reminders, the booking process, on their processors' threads)
 * carry the event's actor and request (correlation) id and the calendar or appointment it belongs to, as the
 * request's own lines do.
 */
public final class HandlerLogContext implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final String CALENDAR = "UserCalendar";

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        EventMessage<?> event = unitOfWork.getMessage();
        Map<String, String> saved = LogContext.save();
        try {
            LogContext.putIfPresent(LogContext.ACTOR, event.getMetaData().get(CommandMetadata.ACTOR));
            LogContext.putIfPresent(LogContext.REQUEST_ID, event.getMetaData().get(CommandMetadata.CORRELATION_ID));
            if (event instanceof DomainEventMessage<?> domainEvent) {
                LogContext.putIfPresent(CALENDAR.equals(domainEvent.getType()) ? LogContext.CALENDAR_ID
                        : LogContext.APPOINTMENT_ID, domainEvent.getAggregateIdentifier());
            }
            return chain.proceed();
        } finally {
            LogContext.restore(saved);
        }
    }
}
