/**
 * The users page: local users (create, enable or disable, delete after a confirmation) and the role
 * templates they can be bound to. {@code UsersView} + {@code UsersViewModel}.
 */
package dev.drover.app.users;
