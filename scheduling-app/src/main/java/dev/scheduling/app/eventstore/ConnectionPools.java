package dev.scheduling.app.eventstore;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;
import org.springframework.web.filter.OncePerRequestFilter;

import javax.sql.DataSource;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Two connection pools on one PostgreSQL: one for HTTP requests, one for everything else (the event processors, the
 * deadlines, the snapshotter, start-up). A burst of requests cannot take the connections the projection and the
 * reminders need to keep up, and a burst of due reminders cannot take the connections requests need. Every part of
 * the service sees one {@link DataSource}, which hands out a connection of the pool of the calling thread's work, so
 * a transaction and everything that joins it always use the same pool.
 *
 * <p>{@code spring.datasource.hikari.*} applies to both pools (the connection timeout, for instance). The request pool's
 * size is {@code scheduling.connection-pools.requests}; the background pool has a connection for every thread that may
 * hold one at once, the sum of the {@link BackgroundThreads} the service declares (with the defaults: the projection's
 * 4 and the reminder saga's 2 workers, their 2 coordinators, db-scheduler's 4 deadline threads and its poller, and the
 * snapshotter: 14). {@code scheduling.connection-pools.background} may raise it; set below that sum, the service
 * refuses to start.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConnectionPools.Sizes.class)
public class ConnectionPools {

    /**
     * @param requests   connections for HTTP requests (commands, audit reads, erasures)
     * @param background connections for the event processors, the deadlines and the snapshotter; unset: one for each
     *                   of the threads the service declares ({@link BackgroundThreads})
     */
    @ConfigurationProperties("scheduling.connection-pools")
    public record Sizes(@DefaultValue("16") int requests, Integer background) {
    }

    enum Workload { REQUEST, BACKGROUND }

    private static final ThreadLocal<Workload> WORKLOAD = ThreadLocal.withInitial(() -> Workload.BACKGROUND);

    @Bean(destroyMethod = "close")
    HikariDataSource requestConnections(DataSourceConnection connection, Environment environment, Sizes sizes) {
        return pool(connection, environment, "requests", sizes.requests());
    }

    @Bean(destroyMethod = "close")
    HikariDataSource backgroundConnections(DataSourceConnection connection, Environment environment, Sizes sizes,
                                           List<BackgroundThreads> threads) {
        return pool(connection, environment, "background", backgroundPoolSize(sizes, threads));
    }

    /** One connection for every background thread; a size set below that would leave threads waiting on the pool. */
    static int backgroundPoolSize(Sizes sizes, List<BackgroundThreads> threads) {
        int needed = threads.stream().mapToInt(BackgroundThreads::count).sum();
        if (sizes.background() == null) {
            return needed;
        }
        if (sizes.background() < needed) {
            throw new IllegalStateException("scheduling.connection-pools.background=" + sizes.background()
                    + " is below the " + needed + " threads that may each hold a connection of it at once: " + threads
                    + ". Leave it unset, or set it to at least " + needed + ".");
        }
        return sizes.background();
    }

    @Bean
    @Primary
    DataSource dataSource(HikariDataSource requestConnections, HikariDataSource backgroundConnections) {
        AbstractRoutingDataSource routing = new AbstractRoutingDataSource() {
            @Override
            protected Object determineCurrentLookupKey() {
                return WORKLOAD.get();
            }
        };
        routing.setTargetDataSources(Map.of(Workload.REQUEST, requestConnections,
                Workload.BACKGROUND, backgroundConnections));
        routing.setLenientFallback(false);
        routing.afterPropertiesSet();
        return routing;
    }

    /** Marks the thread serving a request for its whole length, outermost: the security filters already read. */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> requestConnectionsFilter() {
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                            FilterChain chain) throws ServletException, IOException {
                Workload outer = WORKLOAD.get();
                WORKLOAD.set(Workload.REQUEST);
                try {
                    chain.doFilter(request, response);
                } finally {
                    WORKLOAD.set(outer);
                }
            }
        });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Runs what a request hands to another thread (a streamed response body) on the requests' connections. */
    public static void asRequest(Runnable work) {
        Workload outer = WORKLOAD.get();
        WORKLOAD.set(Workload.REQUEST);
        try {
            work.run();
        } finally {
            WORKLOAD.set(outer);
        }
    }

    /** Where PostgreSQL is: {@code spring.datasource.*}, or the embedded one. */
    public record DataSourceConnection(String url, String username, String password) {
    }

    @Bean
    @ConditionalOnExpression("!'${spring.datasource.url:}'.isEmpty()")
    DataSourceConnection configuredConnection(DataSourceProperties properties) {
        return new DataSourceConnection(properties.determineUrl(), properties.determineUsername(),
                properties.determinePassword());
    }

    private static HikariDataSource pool(DataSourceConnection connection, Environment environment, String name,
                                         int size) {
        // the settings of spring.datasource.hikari, which both pools share
        HikariConfig config = Binder.get(environment).bindOrCreate("spring.datasource.hikari", HikariConfig.class);
        config.setJdbcUrl(connection.url());
        config.setUsername(connection.username());
        config.setPassword(connection.password());
        config.setPoolName(name);
        config.setMaximumPoolSize(size);
        return new HikariDataSource(config);
    }
}
