package dev.scheduling.app.availability;

import dev.scheduling.app.readmodel.QueryResults;
import dev.scheduling.app.readmodel.ReadModelOutages;
import dev.scheduling.projections.calendars.AvailabilityView;
import dev.scheduling.projections.calendars.FindAvailability;
import dev.scheduling.projections.calendars.FindSchedules;
import dev.scheduling.projections.calendars.Schedules;
import org.axonframework.queryhandling.QueryGateway;

/** Rules and schedules of calendars, from the read model through Axon's query bus, bounded in time, outages told apart. */
public class AvailabilityReads {

    private final QueryGateway queries;
    private final ReadModelOutages outages;

    public AvailabilityReads(QueryGateway queries, ReadModelOutages outages) {
        this.queries = queries;
        this.outages = outages;
    }

    public AvailabilityView rules(String calendarId) {
        return outages.call(() -> QueryResults.await(queries.query(new FindAvailability(calendarId), AvailabilityView.class)));
    }

    public Schedules schedules(FindSchedules query) {
        return outages.call(() -> QueryResults.await(queries.query(query, Schedules.class)));
    }
}
