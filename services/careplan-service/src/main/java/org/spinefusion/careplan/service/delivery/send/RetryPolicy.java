package org.spinefusion.careplan.service.delivery.send;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;
import org.spinefusion.careplan.service.delivery.DeliveryProperties;
import org.springframework.stereotype.Component;

/**
 * When to try again: the EHR's Retry-After (delta-seconds or an HTTP-date) when it gives one, else exponential backoff
 * with jitter (half the delay fixed, half random), so a recovering EHR is not hit by every retry at once.
 */
@Component
public class RetryPolicy {

    private final Duration base;
    private final Duration max;

    RetryPolicy(DeliveryProperties properties) {
        this.base = properties.backoffBase();
        this.max = properties.backoffMax();
    }

    public Instant next(int failures, String retryAfter, Instant now) {
        Duration asked = retryAfter(retryAfter, now);
        if (asked != null) {
            return now.plus(asked.compareTo(max) > 0 ? max : asked);
        }
        long delay = Math.min(max.toMillis(), base.toMillis() << Math.min(Math.max(failures - 1, 0), 20));
        long half = Math.max(delay / 2, 1);
        return now.plusMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
