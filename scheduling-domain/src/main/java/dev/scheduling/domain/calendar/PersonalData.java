package dev.scheduling.domain.calendar;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A text about a person (a title, a location, a reason): stored encrypted under a key of the user it belongs to, so
 * that destroying the key forgets it wherever it was copied. Marks {@code String} fields and record components;
 * everything around them (ids, slots, types) stays readable.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.METHOD})
public @interface PersonalData {
}
