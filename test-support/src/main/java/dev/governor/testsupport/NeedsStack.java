package dev.governor.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test that needs the local stack (a broker, Redis, the simulator, …) or boots Quarkus: left out by the
 * {@code fast} profile ({@code ./mvnw -o test -Pfast -pl <module>}), which runs the plain tests of pure
 * logic in seconds.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag(NeedsStack.TAG)
public @interface NeedsStack {

    String TAG = "stack";
}
