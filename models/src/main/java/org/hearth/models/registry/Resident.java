package org.hearth.models.registry;

/**
 * The person Hearth watches over. Only a pseudonymous id and an alias (initials) are held: messages
 * and logs never carry a name.
 */
public record Resident(String id, String alias) {}
