package org.hearth.installer.control;

/**
 * What {@code hearth kit apply} did.
 *
 * @param published whether a new control message went out (false when the broker already holds this text)
 * @param version the version now retained on the control topic
 * @param previousVersion the version retained before, 0 when none
 * @param diff the change from the previously applied registry (against an empty one when none was readable)
 * @param previousProblem why the previously retained message could not be read, or null
 */
public record ApplyResult(boolean published, long version, long previousVersion, RegistryDiff diff, String previousProblem) {}
