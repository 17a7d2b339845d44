package dev.scheduling.app.group;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of appointments with several participants (prefix {@code scheduling.group-bookings}).
 *
 * @param holdsTtl     how long a booking may take to hold every calendar; after that it is given up and whatever it
 *                     held is released (each calendar's hold lasts 2 minutes longer, so that a booking decided in time
 *                     is confirmed before any of its holds lapses)
 * @param answerWithin how long {@code POST /appointments} waits for the booking to be decided before it answers
 *                     {@code 202} with the booking still {@code PENDING}
 */
@ConfigurationProperties("scheduling.group-bookings")
public record GroupBookingProperties(@DefaultValue("PT30S") Duration holdsTtl,
                                     @DefaultValue("PT10S") Duration answerWithin) {
}
