/**
 * The management API over HTTP for remote consoles: login, the {@code ManagementApi} calls as JSON, and
 * WebSocket watches, each authenticated by a bearer token and answered with Kubernetes-style Status
 * errors. The wire shapes are {@code dev.drover.engine.api.wire}, shared with {@code RemoteManagementApi}.
 */
package dev.drover.server.api;
