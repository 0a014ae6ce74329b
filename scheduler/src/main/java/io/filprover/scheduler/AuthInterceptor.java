package io.filprover.scheduler;

import com.google.protobuf.InvalidProtocolBufferException;
import io.filprover.proto.v1.AdminServiceGrpc;
import io.filprover.proto.v1.JobRequest;
import io.filprover.scheduler.store.JobStore;
import io.filprover.proto.v1.BlobServiceGrpc;
import io.filprover.proto.v1.ProverServiceGrpc;
import io.filprover.proto.v1.WorkerServiceGrpc;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.health.v1.HealthGrpc;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks each call's {@code authorization: Bearer TOKEN} and its role against the method, and puts
 * the caller in the call's context ({@link #caller()}). No token or an unknown one is
 * UNAUTHENTICATED; a role the method does not allow is PERMISSION_DENIED naming both. The health
 * service needs no token (load balancers probe it).
 */
final class AuthInterceptor implements ServerInterceptor {
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final Context.Key<Principal> PRINCIPAL = Context.key("filprover-principal");

    /** The caller of a call's headers, or null when they carry no known token. */
    private final Function<Metadata, Principal> principal;

    private AuthInterceptor(Function<Metadata, Principal> principal) {
        this.principal = principal;
    }

    /** Checks tokens against a token file. */
    static AuthInterceptor tokens(Tokens tokens) {
        return new AuthInterceptor(headers -> {
            String token = bearer(headers);
            return token == null ? null : tokens.authenticate(token).orElse(null);
        });
    }

    /** Every call is this principal's (the embedded local worker's in-process channel: no token to carry). */
    static AuthInterceptor fixed(Principal p) {
        return new AuthInterceptor(headers -> p);
    }

    /** The caller of the current call, or null when tokens are off (everyone may do everything). */
    static Principal caller() {
        return PRINCIPAL.get();
    }

    /** Whether the current caller sees every job, not only its own. */
    static boolean seesAllJobs() {
        Principal p = caller();
        return p == null || p.role() != Role.CLIENT;
    }

    /** Whether the caller may see the job: tokens off, a worker or admin token, or the client that submitted it. */
    static boolean mayRead(JobStore.StoredJob j) {
        if (seesAllJobs()) {
            return true;
        }
        try {
            return j.request() != null && JobRequest.parseFrom(j.request()).getOwner().equals(caller().name());
        } catch (InvalidProtocolBufferException e) {
            return false;
        }
    }

    /** The roles a method allows; a service not named here is admin only. */
    static Set<Role> allowed(String fullMethodName) {
        String service = MethodDescriptor.extractFullServiceName(fullMethodName);
        if (service == null) {
            return EnumSet.of(Role.ADMIN);
        }
        return switch (service) {
            case ProverServiceGrpc.SERVICE_NAME -> EnumSet.of(Role.CLIENT, Role.ADMIN);
            case WorkerServiceGrpc.SERVICE_NAME -> EnumSet.of(Role.WORKER, Role.ADMIN);
            case BlobServiceGrpc.SERVICE_NAME, "grpc.reflection.v1.ServerReflection" -> EnumSet.allOf(Role.class);
            case AdminServiceGrpc.SERVICE_NAME -> EnumSet.of(Role.ADMIN);
            default -> EnumSet.of(Role.ADMIN);
        };
    }

    /** The token of an {@code authorization: Bearer TOKEN} header, or null. */
    private static String bearer(Metadata headers) {
        String value = headers.get(AUTHORIZATION);
        if (value == null || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return value.substring(7).strip();
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        if (HealthGrpc.SERVICE_NAME.equals(MethodDescriptor.extractFullServiceName(method))) {
            return next.startCall(call, headers);
        }
        Principal p = principal.apply(headers);
        if (p == null) {
            String why = headers.containsKey(AUTHORIZATION) ? "unknown bearer token" : "missing bearer token";
            call.close(Status.UNAUTHENTICATED.withDescription(why + " (send 'authorization: Bearer TOKEN'; "
                    + "clients take --token-file or FILPROVER_TOKEN)"), new Metadata());
            return new ServerCall.Listener<>() { };
        }
        if (!allowed(method).contains(p.role())) {
            call.close(Status.PERMISSION_DENIED.withDescription(method + " is not allowed for role " + p.role().label()
                    + " (token " + p.name() + ")"), new Metadata());
            return new ServerCall.Listener<>() { };
        }
        return Contexts.interceptCall(Context.current().withValue(PRINCIPAL, p), call, headers, next);
    }
}
