{{/* Chart name, overridable. */}}
{{- define "careplan.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release-prefixed name; object names are limited to 63 characters. */}}
{{- define "careplan.fullname" -}}
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

{{- define "careplan.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Selector labels: never change them after a release, Deployments cannot change their selector. */}}
{{- define "careplan.selectorLabels" -}}
app.kubernetes.io/name: {{ include "careplan.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "careplan.labels" -}}
helm.sh/chart: {{ include "careplan.chart" . }}
{{ include "careplan.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: careplan
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{- define "careplan.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "careplan.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Image reference from registry/repository and a digest (preferred) or a tag. */}}
{{- define "careplan.image" -}}
{{- $ref := printf "%s/%s" .Values.image.registry .Values.image.repository }}
{{- if .Values.image.digest }}
{{- printf "%s@%s" $ref .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" $ref (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}
{{- end }}

{{- define "careplan.jdbcUrl" -}}
{{- if .Values.database.jdbcUrl }}
{{- .Values.database.jdbcUrl }}
{{- else }}
{{- printf "jdbc:postgresql://%s:%d/%s?sslmode=%s" (required "database.host is required" .Values.database.host) (int .Values.database.port) (required "database.name is required" .Values.database.name) .Values.database.sslMode }}
{{- end }}
{{- end }}

{{- define "careplan.databaseSecretName" -}}
{{- default (printf "%s-database" (include "careplan.fullname" .)) .Values.database.existingSecret }}
{{- end }}

{{/* Label a pod must carry to reach the API when networkPolicy.allowExternal is false. */}}
{{- define "careplan.clientLabel" -}}
{{- printf "%s-client" (include "careplan.fullname" .) }}
{{- end }}
