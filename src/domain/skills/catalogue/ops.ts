import type { SkillEntry } from "./types.ts";

/** Cloud providers, infrastructure, delivery and observability. */
export const cloudAndOps: readonly SkillEntry[] = [
  // Cloud
  ["AWS", "amazon web services", "aws cloud"],
  ["Azure", "microsoft azure"],
  ["GCP", "google cloud platform", "google cloud"],
  ["OVHcloud", "ovh"],
  ["Heroku"],
  ["Vercel"],
  ["Cloudflare"],
  ["Serverless", "faas"],
  // Containers and infrastructure
  ["Docker", "docker compose", "docker-compose", "dockerfile"],
  ["Kubernetes", "k8s", "kube", "eks", "gke", "aks"],
  ["=Helm", "helm charts"],
  ["OpenShift"],
  ["Istio"],
  ["Terraform"],
  ["Ansible"],
  ["=Puppet"],
  ["Packer"],
  ["Infrastructure as Code", "iac", "infrastructure-as-code"],
  ["Linux", "gnu/linux", "debian", "ubuntu", "red hat", "rhel", "centos"],
  ["Nginx"],
  // Delivery
  ["Git"],
  ["GitHub"],
  ["GitLab"],
  ["Bitbucket"],
  ["CI/CD", "=CI", "ci-cd", "cicd", "ci / cd", "continuous integration", "continuous delivery", "continuous deployment", "intégration continue", "déploiement continu", "livraison continue"],
  ["Jenkins"],
  ["GitLab CI", "gitlab-ci", "gitlab ci/cd"],
  ["GitHub Actions"],
  ["CircleCI"],
  ["Argo CD", "argocd"],
  ["DevOps"],
  ["SRE", "site reliability engineering"],
  // Observability
  ["Prometheus"],
  ["Grafana"],
  ["ELK Stack", "elk"],
  ["Kibana"],
  ["Datadog"],
  ["OpenTelemetry", "otel"],
  ["Splunk"],
];
