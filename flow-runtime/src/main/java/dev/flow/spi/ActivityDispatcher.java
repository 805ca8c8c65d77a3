package dev.flow.spi;

import java.util.List;

/**
 * Calls an implementation of one {@code @Activity} interface, without reflection. Generated as
 * {@code XDispatcher} for interface {@code X}; the activity worker decodes the input with {@link
 * ActivitySpec#parameterTypes()} and encodes what {@link #dispatch} returns.
 */
public interface ActivityDispatcher {
  /** The activity types this dispatcher serves, one per interface method. */
  List<ActivitySpec> activities();

  /**
   * Calls the method of activity type {@code activityName} with already decoded arguments.
   *
   * @return the method's result; null for a {@code void} method
   * @throws IllegalArgumentException when this dispatcher serves no such activity type
   * @throws Exception whatever the implementation throws
   */
  Object dispatch(String activityName, Object[] arguments) throws Exception;
}
