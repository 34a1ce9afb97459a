{{/*
Names, labels and the pieces the sender and receiver pods share.
*/}}

{{- define "switchboard.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "switchboard.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Name of a component's resources: <fullname>-<component>. Call with (dict "root" $ "component" "sender"). */}}
{{- define "switchboard.componentName" -}}
{{- printf "%s-%s" (include "switchboard.fullname" .root) .component | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "switchboard.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "switchboard.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: switchboard
{{- end }}

{{/* Labels of a component's resources. Call with (dict "root" $ "component" "sender"). */}}
{{- define "switchboard.componentLabels" -}}
{{ include "switchboard.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Selector labels of a component: stable across upgrades. */}}
{{- define "switchboard.selectorLabels" -}}
app.kubernetes.io/name: {{ include "switchboard.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "switchboard.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "switchboard.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* image: repository:tag, the tag defaulting to the chart's appVersion. Call with (dict "root" $ "image" .Values.sender.image). */}}
{{- define "switchboard.image" -}}
{{- printf "%s:%s" .image.repository (default .root.Chart.AppVersion .image.tag | toString) }}
{{- end }}

{{/* ---------- JWT keys ---------- */}}

{{/* "true" when the published DEV-ONLY key pair is used; fails when no key is given and dev keys are not allowed. */}}
{{- define "switchboard.auth.usesDevKeys" -}}
{{- if or .Values.auth.existingSecret .Values.auth.publicKey }}
{{- else if .Values.auth.allowDevKeys }}true
{{- else }}
{{- fail "auth.publicKey or auth.existingSecret is required (the PEM public key that verifies client JWTs); auth.allowDevKeys is false (set it true only for a throwaway cluster: anyone can sign tokens for the published DEV-ONLY key)" }}
{{- end }}
{{- end }}

{{- define "switchboard.jwt.secretName" -}}
{{- default (printf "%s-jwt" (include "switchboard.fullname" .)) .Values.auth.existingSecret }}
{{- end }}

{{- define "switchboard.jwt.secretKey" -}}
{{- if .Values.auth.existingSecret }}{{ .Values.auth.existingSecretKey }}{{ else }}publicKey.pem{{ end }}
{{- end }}

{{- define "switchboard.jwt.mountDir" -}}/etc/switchboard/jwt{{- end }}
{{- define "switchboard.jwt.publicKeyPath" -}}{{ include "switchboard.jwt.mountDir" . }}/publicKey.pem{{- end }}

{{- define "switchboard.devTokens.secretName" -}}
{{- default (printf "%s-dev-tokens" (include "switchboard.fullname" .)) .Values.devTokens.existingSecret }}
{{- end }}

{{- define "switchboard.devTokens.secretKey" -}}
{{- if .Values.devTokens.existingSecret }}{{ .Values.devTokens.existingSecretKey }}{{ else }}signingKey.pem{{ end }}
{{- end }}

{{- define "switchboard.devTokens.mountDir" -}}/etc/switchboard/dev-tokens{{- end }}
{{- define "switchboard.devTokens.signingKeyPath" -}}{{ include "switchboard.devTokens.mountDir" . }}/signingKey.pem{{- end }}

{{/* The signing key the chart stores itself (devTokens.signingKey, or the DEV-ONLY one). */}}
{{- define "switchboard.devTokens.signingKey" -}}
{{- if .Values.devTokens.signingKey }}
{{- .Values.devTokens.signingKey }}
{{- else if eq (include "switchboard.auth.usesDevKeys" .) "true" }}
{{- .Files.Get "files/DEV-ONLY-jwt-signing-key.pem" }}
{{- else }}
{{- fail "devTokens.enabled needs devTokens.signingKey or devTokens.existingSecret: the private key matching auth.publicKey" }}
{{- end }}
{{- end }}

{{/* ---------- Redis ---------- */}}

{{- define "switchboard.redis.url" -}}
{{- if not (has .Values.redis.mode (list "standalone" "sharded" "cluster")) }}
{{- fail "redis.mode must be standalone, sharded or cluster" }}
{{- end }}
{{- if and .Values.redis.bundled (ne .Values.redis.mode "standalone") }}
{{- fail "a bundled Redis is standalone only: set redis.bundled=false and external.url / external.shards" }}
{{- end }}
{{- if and (eq .Values.redis.mode "sharded") (not .Values.redis.external.shards) }}
{{- fail "redis.mode sharded needs redis.external.shards" }}
{{- end }}
{{- if .Values.redis.bundled }}
{{- printf "redis://%s:6379" (include "switchboard.componentName" (dict "root" . "component" "redis")) }}
{{- else if .Values.redis.external.url }}
{{- .Values.redis.external.url }}
{{- else if not .Values.redis.external.existingSecret }}
{{- fail "redis.bundled is false: set redis.external.url or redis.external.existingSecret" }}
{{- end }}
{{- end }}

{{/* The Redis topology settings every component gets (switchboard.redis.*). */}}
{{- define "switchboard.redis.topology" -}}
SWITCHBOARD_PARTITIONS: {{ .Values.partitions | quote }}
SWITCHBOARD_REDIS_MODE: {{ .Values.redis.mode | quote }}
{{- if eq .Values.redis.mode "sharded" }}
SWITCHBOARD_REDIS_SHARDS: {{ join "," .Values.redis.external.shards | quote }}
{{- end }}
{{- if eq .Values.redis.mode "cluster" }}
QUARKUS_REDIS_CLIENT_TYPE: "cluster"
{{- end }}
{{- end }}

{{/* true when QUARKUS_REDIS_HOSTS comes from a Secret rather than the ConfigMap. */}}
{{- define "switchboard.redis.urlFromSecret" -}}
{{- if and (not .Values.redis.bundled) (not .Values.redis.external.url) .Values.redis.external.existingSecret }}true{{ end }}
{{- end }}

{{/* ---------- PostgreSQL ---------- */}}

{{- define "switchboard.postgresql.hostPort" -}}
{{- if .Values.postgresql.bundled }}
{{- printf "%s:%v" (include "switchboard.componentName" (dict "root" . "component" "postgresql")) .Values.postgresql.port }}
{{- else }}
{{- printf "%s:%v" (required "postgresql.host is required when postgresql.bundled is false" .Values.postgresql.host) .Values.postgresql.port }}
{{- end }}
{{- end }}

{{- define "switchboard.postgresql.urlSuffix" -}}
{{- printf "%s/%s" (include "switchboard.postgresql.hostPort" .) .Values.postgresql.database }}
{{- with .Values.postgresql.urlParameters }}?{{ . }}{{ end }}
{{- end }}

{{/*
The password the chart stores when no existingSecret is given. The bundled server falls back to a fixed demo
password (no lookup of an earlier Secret: `helm template` and GitOps renderers cannot do that, and a password that
changed on every render would lock the senders out of the database initialised with the first one).
*/}}
{{- define "switchboard.postgresql.password" -}}
{{- if .Values.postgresql.password }}
{{- .Values.postgresql.password }}
{{- else if .Values.postgresql.bundled }}
{{- "switchboard" }}
{{- else }}
{{- fail "postgresql.bundled is false: set postgresql.existingSecret (recommended) or postgresql.password" }}
{{- end }}
{{- end }}

{{/* Whether grants are on (a secret given or an existing Secret named), and the Secret and key holding it. */}}
{{- define "switchboard.grants.enabled" -}}
{{- if or .Values.grants.secret .Values.grants.existingSecret }}true{{ end }}
{{- end }}

{{- define "switchboard.grants.secretName" -}}
{{- default (printf "%s-grants" (include "switchboard.fullname" .)) .Values.grants.existingSecret }}
{{- end }}

{{- define "switchboard.grants.secretKey" -}}
{{- if .Values.grants.existingSecret }}{{ .Values.grants.existingSecretKey }}{{ else }}secret{{ end }}
{{- end }}

{{/* The grants secret env entry of both services' containers. Call with the root context. */}}
{{- define "switchboard.grants.env" -}}
{{- if include "switchboard.grants.enabled" . }}
- name: SWITCHBOARD_GRANTS_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ include "switchboard.grants.secretName" . }}
      key: {{ include "switchboard.grants.secretKey" . }}
{{- end }}
{{- end }}

{{- define "switchboard.postgresql.secretName" -}}
{{- default (printf "%s-postgresql" (include "switchboard.fullname" .)) .Values.postgresql.existingSecret }}
{{- end }}

{{- define "switchboard.postgresql.secretKey" -}}
{{- if .Values.postgresql.existingSecret }}{{ .Values.postgresql.existingSecretPasswordKey }}{{ else }}password{{ end }}
{{- end }}

{{/* ---------- Pods ---------- */}}

{{/* The three health probes on the container port named management. Call with the root context. */}}
{{- define "switchboard.probes" -}}
{{- $p := .Values.probes -}}
startupProbe:
  httpGet:
    path: /q/health/started
    port: management
  {{- toYaml $p.startup | nindent 2 }}
readinessProbe:
  httpGet:
    path: /q/health/ready
    port: management
  {{- toYaml $p.readiness | nindent 2 }}
livenessProbe:
  httpGet:
    path: /q/health/live
    port: management
  {{- toYaml $p.liveness | nindent 2 }}
{{- end }}

{{/* Soft spreading of a component's pods over nodes. Call with (dict "root" $ "component" "sender"). */}}
{{- define "switchboard.topologySpread" -}}
{{- if .root.Values.spreadAcrossNodes }}
topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: kubernetes.io/hostname
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- include "switchboard.selectorLabels" . | nindent 8 }}
{{- end }}
{{- end }}

{{/* Pod settings the sender and receiver share. Call with (dict "root" $ "component" "sender" "values" .Values.sender). */}}
{{- define "switchboard.podCommon" -}}
serviceAccountName: {{ include "switchboard.serviceAccountName" .root }}
automountServiceAccountToken: false
{{- with .root.Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  {{- toYaml .root.Values.podSecurityContext | nindent 2 }}
{{- include "switchboard.topologySpread" . }}
{{- with .values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}
