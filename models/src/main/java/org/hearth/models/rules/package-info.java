/**
 * The detection rules in plain Java: given one home's events in event-time order and the passing of
 * event time, decide which alerts to raise and resolve. No Flink here: the streaming job's process
 * function, the backtest and tests drive {@link org.hearth.models.rules.HomeRules} the same way.
 */
package org.hearth.models.rules;
