package io.rootscope.demo;

/** The URN the backend gives a Kubernetes service, as Rootscope's resources name it. */
public final class ServiceUrn {

    private ServiceUrn() {
    }

    public static String of(String namespace, String service) {
        return "urn:k8s:svc:" + namespace + "/" + service;
    }
}
