{{/* Names and labels shared by every object of the release. */}}
{{- define "otel-gateway.name" -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}

{{- define "otel-gateway.commonLabels" -}}
app.kubernetes.io/part-of: otel-gateway
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end -}}

{{/* Labels of an object that belongs to the release as a whole (ConfigMap, RBAC, Services). */}}
{{- define "otel-gateway.labels" -}}
{{ include "otel-gateway.commonLabels" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Labels of one component's workload: pass (list $ "gateway"). */}}
{{- define "otel-gateway.componentLabels" -}}
{{ include "otel-gateway.commonLabels" (index . 0) }}
{{ include "otel-gateway.selector" . }}
{{- end -}}

{{/* Selector labels of one component (gateway, agent, matching-api, …): pass (list $ "gateway"). */}}
{{- define "otel-gateway.selector" -}}
app.kubernetes.io/instance: {{ (index . 0).Release.Name }}
app.kubernetes.io/name: {{ index . 1 }}
{{- end -}}

{{/* memory_limiter's limit: 80 % of the container's memory limit, in MiB (limits given in Mi or Gi). */}}
{{- define "otel-gateway.memoryLimitMiB" -}}
{{- $limit := toString . -}}
{{- if hasSuffix "Gi" $limit -}}{{ div (mul (trimSuffix "Gi" $limit | int) 1024 80) 100 }}
{{- else -}}{{ div (mul (trimSuffix "Mi" $limit | int) 80) 100 }}
{{- end -}}
{{- end -}}

{{/*
Environment every collector shares. Admin endpoints (zpages, pprof, own metrics 8888, pull exporter
8889) on loopback: COLLECTOR_HOST overrides the image's 0.0.0.0. OTLP and health bind MY_POD_IP (the
k8s overlays): the kubelet probes health from the node. Memory limiter from the container's limit.
*/}}
{{- define "otel-gateway.collectorEnv" -}}
- name: COLLECTOR_HOST
  value: "127.0.0.1"
- name: MY_POD_IP
  valueFrom:
    fieldRef:
      fieldPath: status.podIP
- name: COLLECTOR_MEMORY_LIMIT_MIB
  value: {{ include "otel-gateway.memoryLimitMiB" .resources.limits.memory | quote }}
- name: COLLECTOR_MEMORY_SPIKE_MIB
  value: {{ div (include "otel-gateway.memoryLimitMiB" .resources.limits.memory | int) 4 | quote }}
{{- end -}}


{{/* The OTLP token the agent asks for and the services send: from a Secret, never a value. */}}
{{- define "otel-gateway.otlpToken" -}}
{{- $auth := .Values.agent.otlpAuth -}}
{{- if not $auth.existingSecret -}}
{{- fail "agent.otlpAuth.existingSecret is empty: the agent publishes OTLP as host ports 4317/4318 on every node and asks for a bearer token from that Secret" -}}
{{- end -}}
- name: OTLP_BEARER_TOKEN
  valueFrom:
    secretKeyRef: { name: {{ $auth.existingSecret }}, key: {{ $auth.key }} }
{{- end -}}
