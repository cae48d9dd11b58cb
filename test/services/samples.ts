// A CV and a job used across service tests. The personal data is invented and must never
// show up in telemetry.
export const PERSONAL = {
  name: "Maëlys Quintard-Obasi",
  email: "maelys.quintard@example.org",
  phone: "+33 6 41 27 93 58",
};

export const CV_TEXT = `${PERSONAL.name}
Senior Backend Engineer
${PERSONAL.email} | ${PERSONAL.phone} | Lyon, France

Experience
Senior Backend Engineer, Acme Logistics — Jan 2019 – Present
- Built Node.js and TypeScript services on Kubernetes (k8s), PostgreSQL and Redis.
- Ran CI/CD with GitHub Actions; observability with OpenTelemetry and Prometheus.

Backend Developer, Globex — 2015 - 2018
- Java, Spring Boot, Docker.

Education
MSc Computer Science, Université de Lyon, 2015

Skills
NodeJS, TS, Postgres, Docker, AWS, Terraform

Languages
French (native), English (fluent)
`;

export const JOB_TEXT = `Senior Backend Engineer (Node.js)
Location: Paris, hybrid

Requirements
- 5+ years of backend development
- Node.js, TypeScript, PostgreSQL, Kubernetes

Nice to have
- Terraform, Kafka, Go

Languages: English (fluent)
`;
