#!/usr/bin/env bash
# Rolls out a new image: migrations first (the Job, waited for), then the Deployment and the rest.
#   deployment/scripts/rollout.sh <image:tag> [overlay-dir]
# Needs kubectl with access to the cluster, and the Secret tro-ly-doi-moi-secrets already created.
set -euo pipefail
image="${1:?usage: rollout.sh <image:tag> [overlay-dir]}"
overlay="${2:-$(dirname "$0")/../k8s/overlays/production}"
namespace="${NAMESPACE:-tro-ly-doi-moi}"

rendered=$(mktemp)
trap 'rm -f "$rendered"' EXIT
kubectl kustomize "$overlay" > "$rendered"
# The image the overlay names, replaced by the one given (every container of the app).
current=$(grep -m1 -E '^\s+image: ' "$rendered" | sed -E 's/^\s+image: //')
sed -i "s|image: ${current}\$|image: ${image}|" "$rendered"

kubectl get secret -n "$namespace" tro-ly-doi-moi-secrets >/dev/null

echo "== migrations ($image)"
kubectl delete job -n "$namespace" tro-ly-doi-moi-migrate --ignore-not-found --wait=true
# Namespace first (a first install), then only the Job.
kubectl apply -f <(awk 'BEGIN{RS="---\n"; ORS="---\n"} /kind: Namespace/' "$rendered")
kubectl apply -f <(awk 'BEGIN{RS="---\n"; ORS="---\n"} /kind: (ServiceAccount|ConfigMap)/ || /kind: Job\n/' "$rendered")
if ! kubectl wait -n "$namespace" --for=condition=complete job/tro-ly-doi-moi-migrate --timeout=900s; then
  kubectl logs -n "$namespace" job/tro-ly-doi-moi-migrate --tail=100 || true
  echo "migrations failed: the running version is untouched" >&2
  exit 1
fi

echo "== application"
kubectl apply -f "$rendered"
kubectl rollout status -n "$namespace" deployment/tro-ly-doi-moi --timeout=600s
