package io.devenv.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs every test of the class once per {@link Emulator}. The class starts its emulator in a
 * {@code @BeforeParameterizedClassInvocation static void start(Emulator emulator)} method and stops
 * it in an {@code @AfterParameterizedClassInvocation} one; {@link EmulatorCounts} prints how many
 * tests ran on each.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedClass(name = EmulatorCounts.PREFIX + "{0}")
@EnumSource(Emulator.class)
public @interface OnEachEmulator {}
