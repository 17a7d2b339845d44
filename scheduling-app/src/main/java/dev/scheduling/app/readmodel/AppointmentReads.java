package dev.scheduling.app.readmodel;

import dev.scheduling.projections.appointments.AppointmentPage;
import dev.scheduling.projections.appointments.AppointmentView;
import dev.scheduling.projections.appointments.FindAppointment;
import dev.scheduling.projections.appointments.FindAppointments;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;

import java.util.Optional;

/** Calendar reads, answered from the read model through Axon's query bus, bounded in time, outages told apart. */
public class AppointmentReads {

    private final QueryGateway queries;
    private final ReadModelOutages outages;

    public AppointmentReads(QueryGateway queries, ReadModelOutages outages) {
        this.queries = queries;
        this.outages = outages;
    }

    public AppointmentPage list(FindAppointments query) {
        return outages.call(() -> QueryResults.await(queries.query(query, AppointmentPage.class)));
    }

    public Optional<AppointmentView> one(FindAppointment query) {
        return outages.call(() -> QueryResults.await(queries.query(query,
                ResponseTypes.optionalInstanceOf(AppointmentView.class))));
    }
}
