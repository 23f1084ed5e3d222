import Foundation

/// The OpenAPI 3.1 contract of the public API, served at `GET /openapi.json` (see `OpenAPIController`).
///
/// Kept by hand, in the binary (no resource bundle). `OpenAPITests` fails when a route registered in `buildRouter`
/// is missing here, or when a real response does not match its schema; `scripts/schemathesis` fuzzes a live server
/// against it. Operations marked `x-postrun-branch` are documented ahead of their routes landing from that branch.
/// JSON inside a raw string: write regex escapes as JSON does (`"^\\d{5}$"`), and never the sequence `"""#`.
public enum OpenAPIDocument {
    /// The whole document: ``base`` with every area's fragment merged in (paths, component schemas, tags),
    /// pretty-printed with sorted keys.
    public static let json: String = merged(base: base, fragments: fragments)

    /// Areas documented in their own files (`OpenAPI+<Area>.swift`), each a JSON object with `paths` and
    /// optionally `components.schemas` and `tags`. Keeping them apart lets areas grow without touching one big literal.
    static let fragments: [String] = [staffFragment, dispatchFragment, officeFragment, courierFieldFragment]

    static func merged(base: String, fragments: [String]) -> String {
        guard var document = (try? JSONSerialization.jsonObject(with: Data(base.utf8))) as? [String: Any] else {
            preconditionFailure("OpenAPI base document is not valid JSON")
        }
        for fragment in fragments {
            guard let part = (try? JSONSerialization.jsonObject(with: Data(fragment.utf8))) as? [String: Any] else {
                preconditionFailure("OpenAPI fragment is not valid JSON: \(fragment.prefix(120))")
            }
            var paths = document["paths"] as? [String: Any] ?? [:]
            for (path, operations) in part["paths"] as? [String: Any] ?? [:] {
                var existing = paths[path] as? [String: Any] ?? [:]
                for (method, operation) in operations as? [String: Any] ?? [:] {
                    precondition(existing[method] == nil, "OpenAPI operation documented twice: \(method) \(path)")
                    existing[method] = operation
                }
                paths[path] = existing
            }
            document["paths"] = paths
            if let schemas = (part["components"] as? [String: Any])?["schemas"] as? [String: Any] {
                var components = document["components"] as? [String: Any] ?? [:]
                var all = components["schemas"] as? [String: Any] ?? [:]
                for (name, schema) in schemas {
                    precondition(all[name] == nil, "OpenAPI schema defined twice: \(name)")
                    all[name] = schema
                }
                components["schemas"] = all
                document["components"] = components
            }
            if let tags = part["tags"] as? [Any] {
                document["tags"] = (document["tags"] as? [Any] ?? []) + tags
            }
        }
        guard let data = try? JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]),
              let text = String(data: data, encoding: .utf8) else { preconditionFailure("OpenAPI document cannot be serialised") }
        return text
    }

    static let base = #"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "PostRun API",
    "version": "1.0.0",
    "summary": "Courier dispatch for Vietnam's public-utility postal service for administrative procedures.",
    "description": "The portal's JSON API. Authenticate with `Authorization: Bearer prk_…` (a key from `postrun api-key create`); each operation names the scope it needs (`jobs:read`, `jobs:write`, `webhooks:manage`, `admin`; `admin` holds every scope). Errors are `application/problem+json` (RFC 9457) in Vietnamese, or English with `Accept-Language: en`. Every response carries `X-Request-Id`. Writes that create take an `Idempotency-Key`; edits take `If-Match` with the `ETag` you read. See docs/api.md."
  },
  "servers": [
    {
      "url": "/"
    }
  ],
  "security": [
    {
      "bearerAuth": []
    }
  ],
  "tags": [
    {
      "name": "jobs"
    },
    {
      "name": "reference"
    },
    {
      "name": "webhooks"
    },
    {
      "name": "pricing"
    },
    {
      "name": "health"
    }
  ],
  "paths": {
    "/healthz": {
      "get": {
        "operationId": "getHealth",
        "summary": "Liveness: the process answers",
        "tags": [
          "health"
        ],
        "security": [
          {}
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "responses": {
          "200": {
            "description": "OK",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Health"
                }
              }
            }
          },
          "401": {
            "description": "Only when an `Authorization` header is sent and is not a valid key.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "Content-Language": {
                "$ref": "#/components/headers/ContentLanguage"
              },
              "WWW-Authenticate": {
                "$ref": "#/components/headers/WWWAuthenticate"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          }
        }
      }
    },
    "/readyz": {
      "get": {
        "operationId": "getReadiness",
        "summary": "Readiness: the database answers and no migration is pending",
        "tags": [
          "health"
        ],
        "security": [
          {}
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "responses": {
          "200": {
            "description": "OK",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Ready"
                }
              }
            }
          },
          "503": {
            "description": "Not ready: the database is down or its schema is not current.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/NotReady"
                }
              }
            }
          },
          "401": {
            "description": "Only when an `Authorization` header is sent and is not a valid key.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "Content-Language": {
                "$ref": "#/components/headers/ContentLanguage"
              },
              "WWW-Authenticate": {
                "$ref": "#/components/headers/WWWAuthenticate"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          }
        }
      }
    },
    "/metrics": {
      "get": {
        "operationId": "getMetrics",
        "summary": "Prometheus metrics",
        "tags": [
          "health"
        ],
        "security": [
          {}
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "responses": {
          "200": {
            "description": "Prometheus text format 0.0.4.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "text/plain": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "401": {
            "description": "Only when an `Authorization` header is sent and is not a valid key.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "Content-Language": {
                "$ref": "#/components/headers/ContentLanguage"
              },
              "WWW-Authenticate": {
                "$ref": "#/components/headers/WWWAuthenticate"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          }
        }
      }
    },
    "/openapi.json": {
      "get": {
        "operationId": "getOpenAPI",
        "summary": "This document",
        "tags": [
          "health"
        ],
        "security": [
          {}
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "responses": {
          "200": {
            "description": "The OpenAPI 3.1 document.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "openapi",
                    "info",
                    "paths"
                  ]
                }
              }
            }
          },
          "401": {
            "description": "Only when an `Authorization` header is sent and is not a valid key.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "Content-Language": {
                "$ref": "#/components/headers/ContentLanguage"
              },
              "WWW-Authenticate": {
                "$ref": "#/components/headers/WWWAuthenticate"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          }
        }
      }
    },
    "/v1/jobs": {
      "post": {
        "operationId": "createJob",
        "summary": "Create a job (or a linked pickup-and-return pair)",
        "tags": [
          "jobs"
        ],
        "security": [
          {
            "bearerAuth": [
              "jobs:write"
            ]
          }
        ],
        "x-required-scopes": [
          "jobs:write"
        ],
        "description": "Validates, prices and stores the request; the acceptance is published to webhooks in the same transaction.\n\nScope: `jobs:write` (or `admin`). Dispatchers enter hotline calls with their token (`pst_…`): channel `hotline` or `counter`, communes their office serves; `Idempotency-Key` keys are per user.",
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          },
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/JobRequest"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "Created: one job, or `{\"jobs\": [pickup, delivery]}` for `pickup_and_return`. A replay returns the stored response.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "Idempotent-Replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "oneOf": [
                    {
                      "$ref": "#/components/schemas/Job"
                    },
                    {
                      "$ref": "#/components/schemas/JobPair"
                    }
                  ]
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "409": {
            "description": "`duplicate-dossier`: an active job exists for this dossier code and kind (`existing_job_id`).",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "Content-Language": {
                "$ref": "#/components/headers/ContentLanguage"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "422": {
            "description": "`validation` (every field at fault, including `address.commune_code` codes `outside_client_province` and `no_serving_office`), or `idempotency-key-reused`.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "Content-Language": {
                "$ref": "#/components/headers/ContentLanguage"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          }
        }
      },
      "get": {
        "operationId": "listJobs",
        "summary": "List this client's jobs, oldest first, with a cursor",
        "tags": [
          "jobs"
        ],
        "security": [
          {
            "bearerAuth": [
              "jobs:read"
            ]
          }
        ],
        "x-required-scopes": [
          "jobs:read"
        ],
        "description": "Scope: `jobs:read` (or `admin`). A dispatcher's token (`pst_…`) also works, for their office's jobs.",
        "parameters": [
          {
            "name": "dossier_code",
            "in": "query",
            "required": false,
            "description": "Only jobs for this dossier code.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "state",
            "in": "query",
            "required": false,
            "description": "Only jobs in this state.",
            "schema": {
              "type": "string",
              "enum": [
                "accepted",
                "scheduled",
                "out_for_pickup",
                "picked_up",
                "handed_to_agency",
                "result_collected",
                "out_for_delivery",
                "delivered",
                "failed_attempt",
                "rescheduled",
                "returned_to_agency",
                "cancelled"
              ]
            }
          },
          {
            "name": "office",
            "in": "query",
            "required": false,
            "description": "Only jobs of this post office (code).",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "updated_since",
            "in": "query",
            "required": false,
            "description": "Only jobs updated at or after this instant (ISO 8601 with offset).",
            "schema": {
              "type": "string",
              "format": "date-time"
            }
          },
          {
            "name": "limit",
            "in": "query",
            "required": false,
            "description": "Page size.",
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 200,
              "default": 50
            }
          },
          {
            "name": "cursor",
            "in": "query",
            "required": false,
            "description": "`next_cursor` of the previous page.",
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "responses": {
          "200": {
            "description": "OK",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/JobPage"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "422": {
            "description": "A bad `state`, `updated_since`, `limit` or `cursor`.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "Content-Language": {
                "$ref": "#/components/headers/ContentLanguage"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          }
        }
      }
    },
    "/v1/jobs/{id}": {
      "get": {
        "operationId": "getJob",
        "summary": "Show a job",
        "tags": [
          "jobs"
        ],
        "security": [
          {
            "bearerAuth": [
              "jobs:read"
            ]
          }
        ],
        "x-required-scopes": [
          "jobs:read"
        ],
        "description": "Scope: `jobs:read` (or `admin`). A dispatcher's token (`pst_…`) also works, for their office's jobs.",
        "parameters": [
          {
            "$ref": "#/components/parameters/JobID"
          },
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "responses": {
          "200": {
            "description": "OK",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "ETag": {
                "$ref": "#/components/headers/ETag"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Job"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          }
        }
      },
      "patch": {
        "operationId": "patchJob",
        "summary": "Change a job's contact, address or visit",
        "tags": [
          "jobs"
        ],
        "security": [
          {
            "bearerAuth": [
              "jobs:write"
            ]
          }
        ],
        "x-required-scopes": [
          "jobs:write"
        ],
        "description": "Scope: `jobs:write` (or `admin`). A dispatcher's token (`pst_…`) also works, for their office's jobs.",
        "parameters": [
          {
            "$ref": "#/components/parameters/JobID"
          },
          {
            "$ref": "#/components/parameters/IfMatchRequired"
          },
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/JobPatch"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "OK",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "ETag": {
                "$ref": "#/components/headers/ETag"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Job"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          },
          "412": {
            "$ref": "#/components/responses/E412"
          },
          "422": {
            "description": "Validation failed, `empty_patch`, or `not_editable` once the courier is out or the job is finished.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "Content-Language": {
                "$ref": "#/components/headers/ContentLanguage"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "428": {
            "$ref": "#/components/responses/E428"
          }
        }
      }
    },
    "/v1/jobs/{id}/events": {
      "get": {
        "operationId": "listJobEvents",
        "summary": "A job's history",
        "tags": [
          "jobs"
        ],
        "security": [
          {
            "bearerAuth": [
              "jobs:read"
            ]
          }
        ],
        "x-required-scopes": [
          "jobs:read"
        ],
        "description": "Scope: `jobs:read` (or `admin`). A dispatcher's token (`pst_…`) also works, for their office's jobs.",
        "parameters": [
          {
            "$ref": "#/components/parameters/JobID"
          },
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "responses": {
          "200": {
            "description": "OK",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/JobEventList"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          }
        }
      }
    },
    "/v1/jobs/{id}/cancel": {
      "post": {
        "operationId": "cancelJob",
        "summary": "Cancel a job",
        "tags": [
          "jobs"
        ],
        "security": [
          {
            "bearerAuth": [
              "jobs:write"
            ]
          }
        ],
        "x-required-scopes": [
          "jobs:write"
        ],
        "description": "Scope: `jobs:write` (or `admin`). A dispatcher's token (`pst_…`) also works, for their office's jobs.",
        "parameters": [
          {
            "$ref": "#/components/parameters/JobID"
          },
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          },
          {
            "$ref": "#/components/parameters/IfMatchOptional"
          },
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CancelRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The cancelled job (a replay returns the stored response).",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "Idempotent-Replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Job"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          },
          "409": {
            "description": "`illegal-transition`: the job can no longer be cancelled (`current_state`).",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "Content-Language": {
                "$ref": "#/components/headers/ContentLanguage"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "412": {
            "$ref": "#/components/responses/E412"
          },
          "422": {
            "description": "A bad `reason` or `note`, or `idempotency-key-reused`.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "Content-Language": {
                "$ref": "#/components/headers/ContentLanguage"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          }
        }
      }
    },
    "/v1/jobs/{id}/reprice": {
      "post": {
        "operationId": "repriceJob",
        "summary": "Recompute and store a job's quote",
        "tags": [
          "pricing"
        ],
        "security": [
          {
            "bearerAuth": [
              "admin"
            ]
          }
        ],
        "x-required-scopes": [
          "admin"
        ],
        "description": "Scope: `admin`.",
        "parameters": [
          {
            "$ref": "#/components/parameters/JobID"
          },
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/RepriceRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "OK",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Repricing"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          },
          "409": {
            "$ref": "#/components/responses/E409"
          },
          "422": {
            "$ref": "#/components/responses/E422"
          }
        }
      }
    },
    "/v1/admin-units": {
      "get": {
        "operationId": "searchAdminUnits",
        "summary": "Search current administrative units",
        "tags": [
          "reference"
        ],
        "security": [
          {
            "bearerAuth": [
              "jobs:read"
            ]
          }
        ],
        "x-required-scopes": [
          "jobs:read"
        ],
        "description": "Scope: `jobs:read` (or `admin`).",
        "parameters": [
          {
            "name": "q",
            "in": "query",
            "required": false,
            "description": "Name (ignoring diacritics and tone-mark placement) or exact code.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "province",
            "in": "query",
            "required": false,
            "description": "Only this province.",
            "schema": {
              "type": "string",
              "pattern": "^\\d{2}$"
            }
          },
          {
            "name": "limit",
            "in": "query",
            "required": false,
            "description": "At most this many.",
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 200,
              "default": 20
            }
          },
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "responses": {
          "200": {
            "description": "OK",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/AdminUnitList"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "422": {
            "description": "`limit` out of range.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "Content-Language": {
                "$ref": "#/components/headers/ContentLanguage"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          }
        }
      }
    },
    "/v1/admin-units/{code}": {
      "get": {
        "operationId": "getAdminUnit",
        "summary": "Show a current administrative unit",
        "tags": [
          "reference"
        ],
        "security": [
          {
            "bearerAuth": [
              "jobs:read"
            ]
          }
        ],
        "x-required-scopes": [
          "jobs:read"
        ],
        "description": "Scope: `jobs:read` (or `admin`).",
        "parameters": [
          {
            "name": "code",
            "in": "path",
            "required": true,
            "description": "A unit's code (2-digit province or 5-digit commune).",
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "responses": {
          "200": {
            "description": "OK",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/AdminUnit"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          }
        }
      },
      "patch": {
        "operationId": "patchAdminUnit",
        "summary": "Set a unit's area classes, serving office or service weekdays",
        "tags": [
          "reference"
        ],
        "security": [
          {
            "bearerAuth": [
              "admin"
            ]
          }
        ],
        "x-required-scopes": [
          "admin"
        ],
        "description": "Scope: `admin`.",
        "parameters": [
          {
            "name": "code",
            "in": "path",
            "required": true,
            "description": "A unit's code (2-digit province or 5-digit commune).",
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/AdminUnitPatch"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "OK",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/AdminUnit"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          },
          "422": {
            "description": "Unknown area class, weekday outside 1–7, or `unknown_office`.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "Content-Language": {
                "$ref": "#/components/headers/ContentLanguage"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          }
        }
      }
    },
    "/v1/offices": {
      "get": {
        "operationId": "listOffices",
        "summary": "List post offices",
        "tags": [
          "reference"
        ],
        "security": [
          {
            "bearerAuth": [
              "jobs:read"
            ]
          }
        ],
        "x-required-scopes": [
          "jobs:read"
        ],
        "description": "Scope: `jobs:read` (or `admin`).",
        "parameters": [
          {
            "name": "province",
            "in": "query",
            "required": false,
            "description": "Only this province.",
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "responses": {
          "200": {
            "description": "OK",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/PostOfficeList"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "422": {
            "description": "Control characters in `province`.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "Content-Language": {
                "$ref": "#/components/headers/ContentLanguage"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          }
        }
      },
      "post": {
        "operationId": "createOffice",
        "summary": "Create a post office",
        "tags": [
          "reference"
        ],
        "security": [
          {
            "bearerAuth": [
              "admin"
            ]
          }
        ],
        "x-required-scopes": [
          "admin"
        ],
        "description": "Scope: `admin`.",
        "parameters": [
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/PostOfficeCreate"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "Created.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/PostOffice"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "409": {
            "description": "`duplicate-office`: the code exists.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "Content-Language": {
                "$ref": "#/components/headers/ContentLanguage"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "422": {
            "$ref": "#/components/responses/E422"
          }
        }
      }
    },
    "/v1/offices/{code}": {
      "get": {
        "operationId": "getOffice",
        "summary": "Show a post office",
        "tags": [
          "reference"
        ],
        "security": [
          {
            "bearerAuth": [
              "jobs:read"
            ]
          }
        ],
        "x-required-scopes": [
          "jobs:read"
        ],
        "description": "Scope: `jobs:read` (or `admin`).",
        "parameters": [
          {
            "name": "code",
            "in": "path",
            "required": true,
            "description": "A post office's code.",
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "responses": {
          "200": {
            "description": "OK",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "ETag": {
                "$ref": "#/components/headers/ETag"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/PostOffice"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          }
        }
      },
      "patch": {
        "operationId": "patchOffice",
        "summary": "Change a post office",
        "tags": [
          "reference"
        ],
        "security": [
          {
            "bearerAuth": [
              "admin"
            ]
          }
        ],
        "x-required-scopes": [
          "admin"
        ],
        "description": "Scope: `admin`.",
        "parameters": [
          {
            "name": "code",
            "in": "path",
            "required": true,
            "description": "A post office's code.",
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/IfMatchRequired"
          },
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/PostOfficeUpdate"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "OK",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "ETag": {
                "$ref": "#/components/headers/ETag"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/PostOffice"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          },
          "412": {
            "$ref": "#/components/responses/E412"
          },
          "422": {
            "$ref": "#/components/responses/E422"
          },
          "428": {
            "$ref": "#/components/responses/E428"
          }
        }
      }
    },
    "/v1/webhooks": {
      "post": {
        "operationId": "createWebhook",
        "summary": "Register a webhook endpoint",
        "tags": [
          "webhooks"
        ],
        "security": [
          {
            "bearerAuth": [
              "webhooks:manage"
            ]
          }
        ],
        "x-required-scopes": [
          "webhooks:manage"
        ],
        "description": "Scope: `webhooks:manage` (or `admin`). A client sees only its own endpoints.",
        "parameters": [
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/WebhookCreate"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "Created; `secret` is shown only now.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "ETag": {
                "$ref": "#/components/headers/ETag"
              },
              "Location": {
                "$ref": "#/components/headers/Location"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/WebhookEndpointWithSecret"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "422": {
            "$ref": "#/components/responses/E422"
          }
        }
      },
      "get": {
        "operationId": "listWebhooks",
        "summary": "List this client's webhook endpoints",
        "tags": [
          "webhooks"
        ],
        "security": [
          {
            "bearerAuth": [
              "webhooks:manage"
            ]
          }
        ],
        "x-required-scopes": [
          "webhooks:manage"
        ],
        "description": "Scope: `webhooks:manage` (or `admin`).",
        "parameters": [
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "responses": {
          "200": {
            "description": "OK",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/WebhookEndpointList"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          }
        }
      }
    },
    "/v1/webhooks/deliveries": {
      "get": {
        "operationId": "listWebhookDeliveries",
        "summary": "List deliveries, newest cursor-paged",
        "tags": [
          "webhooks"
        ],
        "security": [
          {
            "bearerAuth": [
              "webhooks:manage"
            ]
          }
        ],
        "x-required-scopes": [
          "webhooks:manage"
        ],
        "description": "Scope: `webhooks:manage` (or `admin`).",
        "parameters": [
          {
            "name": "status",
            "in": "query",
            "required": false,
            "description": "Only deliveries in this status.",
            "schema": {
              "type": "string",
              "enum": [
                "pending",
                "delivered",
                "dead"
              ]
            }
          },
          {
            "name": "endpoint",
            "in": "query",
            "required": false,
            "description": "Only this endpoint's deliveries.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "limit",
            "in": "query",
            "required": false,
            "description": "Page size.",
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 200,
              "default": 50
            }
          },
          {
            "name": "cursor",
            "in": "query",
            "required": false,
            "description": "`next_cursor` of the previous page.",
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "responses": {
          "200": {
            "description": "OK",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/WebhookDeliveryPage"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "422": {
            "$ref": "#/components/responses/E422"
          }
        }
      }
    },
    "/v1/webhooks/deliveries/{id}/replay": {
      "post": {
        "operationId": "replayWebhookDelivery",
        "summary": "Send a dead delivery again",
        "tags": [
          "webhooks"
        ],
        "security": [
          {
            "bearerAuth": [
              "webhooks:manage"
            ]
          }
        ],
        "x-required-scopes": [
          "webhooks:manage"
        ],
        "description": "Scope: `webhooks:manage` (or `admin`).",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "A delivery's id.",
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "responses": {
          "202": {
            "description": "Queued again.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/WebhookDelivery"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          },
          "409": {
            "description": "`delivery-not-dead`: only dead deliveries can be replayed (`delivery_status`).",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "Content-Language": {
                "$ref": "#/components/headers/ContentLanguage"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          }
        }
      }
    },
    "/v1/webhooks/{id}": {
      "get": {
        "operationId": "getWebhook",
        "summary": "Show a webhook endpoint",
        "tags": [
          "webhooks"
        ],
        "security": [
          {
            "bearerAuth": [
              "webhooks:manage"
            ]
          }
        ],
        "x-required-scopes": [
          "webhooks:manage"
        ],
        "description": "Scope: `webhooks:manage` (or `admin`).",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "A webhook endpoint's id.",
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "responses": {
          "200": {
            "description": "OK",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "ETag": {
                "$ref": "#/components/headers/ETag"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/WebhookEndpoint"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          }
        }
      },
      "patch": {
        "operationId": "patchWebhook",
        "summary": "Change a webhook endpoint",
        "tags": [
          "webhooks"
        ],
        "security": [
          {
            "bearerAuth": [
              "webhooks:manage"
            ]
          }
        ],
        "x-required-scopes": [
          "webhooks:manage"
        ],
        "description": "Scope: `webhooks:manage` (or `admin`).",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "A webhook endpoint's id.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "If-Match",
            "in": "header",
            "required": false,
            "description": "Optional version check (`\"3\"`, `3`, `W/\"3\"` or `*`); a stale version is 409 `version-conflict`.",
            "schema": {
              "type": "string",
              "pattern": "^\\*$|^(W/)?\\\"?[0-9]{1,9}\\\"?$"
            }
          },
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/WebhookUpdate"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "OK",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "ETag": {
                "$ref": "#/components/headers/ETag"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/WebhookEndpoint"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          },
          "409": {
            "description": "`version-conflict`: `If-Match` is stale (`current_version`).",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "Content-Language": {
                "$ref": "#/components/headers/ContentLanguage"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "422": {
            "$ref": "#/components/responses/E422"
          }
        }
      },
      "delete": {
        "operationId": "deleteWebhook",
        "summary": "Delete a webhook endpoint",
        "tags": [
          "webhooks"
        ],
        "security": [
          {
            "bearerAuth": [
              "webhooks:manage"
            ]
          }
        ],
        "x-required-scopes": [
          "webhooks:manage"
        ],
        "description": "Scope: `webhooks:manage` (or `admin`).",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "A webhook endpoint's id.",
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "responses": {
          "204": {
            "description": "Deleted.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          }
        }
      }
    },
    "/v1/webhooks/{id}/rotate-secret": {
      "post": {
        "operationId": "rotateWebhookSecret",
        "summary": "Replace an endpoint's signing secret",
        "tags": [
          "webhooks"
        ],
        "security": [
          {
            "bearerAuth": [
              "webhooks:manage"
            ]
          }
        ],
        "x-required-scopes": [
          "webhooks:manage"
        ],
        "description": "Scope: `webhooks:manage` (or `admin`).",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "A webhook endpoint's id.",
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "responses": {
          "200": {
            "description": "The endpoint with its new `secret`, shown only now.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "ETag": {
                "$ref": "#/components/headers/ETag"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/WebhookEndpointWithSecret"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          }
        }
      }
    },
    "/v1/quotes": {
      "post": {
        "operationId": "createQuote",
        "summary": "Price a job request without creating anything",
        "tags": [
          "pricing"
        ],
        "security": [
          {
            "bearerAuth": [
              "jobs:read"
            ]
          }
        ],
        "x-required-scopes": [
          "jobs:read"
        ],
        "description": "Scope: `jobs:read`, `jobs:write` or `admin`.",
        "parameters": [
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/QuoteRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "One quote, or a pair for `pickup_and_return`.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "oneOf": [
                    {
                      "$ref": "#/components/schemas/Quote"
                    },
                    {
                      "$ref": "#/components/schemas/QuotePair"
                    }
                  ]
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "422": {
            "description": "Validation failed, `no-tariff` or `component-not-priced`.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "Content-Language": {
                "$ref": "#/components/headers/ContentLanguage"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          }
        }
      }
    },
    "/v1/tariffs": {
      "post": {
        "operationId": "createTariff",
        "summary": "Create a tariff version",
        "tags": [
          "pricing"
        ],
        "security": [
          {
            "bearerAuth": [
              "admin"
            ]
          }
        ],
        "x-required-scopes": [
          "admin"
        ],
        "description": "Scope: `admin`.",
        "parameters": [
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/TariffDocument"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "Created.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "Location": {
                "$ref": "#/components/headers/Location"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TariffVersion"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "409": {
            "description": "`version-exists`.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "Content-Language": {
                "$ref": "#/components/headers/ContentLanguage"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "422": {
            "$ref": "#/components/responses/E422"
          }
        }
      },
      "get": {
        "operationId": "listTariffs",
        "summary": "List tariff versions",
        "tags": [
          "pricing"
        ],
        "security": [
          {
            "bearerAuth": [
              "admin"
            ]
          }
        ],
        "x-required-scopes": [
          "admin"
        ],
        "description": "Scope: `admin`.",
        "parameters": [
          {
            "name": "valid_on",
            "in": "query",
            "required": false,
            "description": "Only versions in force on this date.",
            "schema": {
              "type": "string",
              "format": "date"
            }
          },
          {
            "name": "include_retired",
            "in": "query",
            "required": false,
            "description": "Include retired versions.",
            "schema": {
              "type": "string",
              "enum": [
                "true",
                "false"
              ]
            }
          },
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "responses": {
          "200": {
            "description": "OK",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TariffList"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "422": {
            "$ref": "#/components/responses/E422"
          }
        }
      }
    },
    "/v1/tariffs/{id}": {
      "get": {
        "operationId": "getTariff",
        "summary": "Show a tariff version",
        "tags": [
          "pricing"
        ],
        "security": [
          {
            "bearerAuth": [
              "admin"
            ]
          }
        ],
        "x-required-scopes": [
          "admin"
        ],
        "description": "Scope: `admin`.",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "A tariff version's id.",
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "responses": {
          "200": {
            "description": "OK",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TariffVersion"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          }
        }
      },
      "put": {
        "operationId": "replaceTariff",
        "summary": "Replace a tariff version that never priced a job",
        "tags": [
          "pricing"
        ],
        "security": [
          {
            "bearerAuth": [
              "admin"
            ]
          }
        ],
        "x-required-scopes": [
          "admin"
        ],
        "description": "Scope: `admin`.",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "A tariff version's id.",
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/TariffDocument"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "OK",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TariffVersion"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          },
          "409": {
            "description": "`version-in-use` or `version-retired`.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "Content-Language": {
                "$ref": "#/components/headers/ContentLanguage"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "422": {
            "description": "Validation failed, or the body's `id` differs from the path's.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "Content-Language": {
                "$ref": "#/components/headers/ContentLanguage"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          }
        }
      },
      "patch": {
        "operationId": "patchTariff",
        "summary": "Change a tariff version that never priced a job (JSON merge patch)",
        "tags": [
          "pricing"
        ],
        "security": [
          {
            "bearerAuth": [
              "admin"
            ]
          }
        ],
        "x-required-scopes": [
          "admin"
        ],
        "description": "Scope: `admin`.",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "A tariff version's id.",
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/merge-patch+json": {
              "schema": {
                "type": "object"
              }
            },
            "application/json": {
              "schema": {
                "type": "object"
              }
            }
          },
          "description": "RFC 7396 merge patch applied to the stored document."
        },
        "responses": {
          "200": {
            "description": "OK",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TariffVersion"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          },
          "409": {
            "description": "`version-in-use` or `version-retired`.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "Content-Language": {
                "$ref": "#/components/headers/ContentLanguage"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "422": {
            "description": "The merged document is invalid, or its `id` differs from the path's.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "Content-Language": {
                "$ref": "#/components/headers/ContentLanguage"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          }
        }
      }
    },
    "/v1/tariffs/{id}/retire": {
      "post": {
        "operationId": "retireTariff",
        "summary": "Retire a tariff version",
        "tags": [
          "pricing"
        ],
        "security": [
          {
            "bearerAuth": [
              "admin"
            ]
          }
        ],
        "x-required-scopes": [
          "admin"
        ],
        "description": "Scope: `admin`.",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "A tariff version's id.",
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "responses": {
          "200": {
            "description": "OK",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TariffVersion"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          },
          "409": {
            "description": "`version-retired`.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "Content-Language": {
                "$ref": "#/components/headers/ContentLanguage"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          }
        }
      }
    },
    "/v1/campaigns": {
      "post": {
        "operationId": "createCampaign",
        "summary": "Create a campaign version",
        "tags": [
          "pricing"
        ],
        "security": [
          {
            "bearerAuth": [
              "admin"
            ]
          }
        ],
        "x-required-scopes": [
          "admin"
        ],
        "description": "Scope: `admin`.",
        "parameters": [
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CampaignDocument"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "Created.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "Location": {
                "$ref": "#/components/headers/Location"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CampaignVersion"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "409": {
            "description": "`version-exists`.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "Content-Language": {
                "$ref": "#/components/headers/ContentLanguage"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "422": {
            "$ref": "#/components/responses/E422"
          }
        }
      },
      "get": {
        "operationId": "listCampaigns",
        "summary": "List campaign versions",
        "tags": [
          "pricing"
        ],
        "security": [
          {
            "bearerAuth": [
              "admin"
            ]
          }
        ],
        "x-required-scopes": [
          "admin"
        ],
        "description": "Scope: `admin`.",
        "parameters": [
          {
            "name": "active_on",
            "in": "query",
            "required": false,
            "description": "Only campaigns active on this date.",
            "schema": {
              "type": "string",
              "format": "date"
            }
          },
          {
            "name": "valid_on",
            "in": "query",
            "required": false,
            "description": "Same as `active_on`.",
            "schema": {
              "type": "string",
              "format": "date"
            }
          },
          {
            "name": "include_retired",
            "in": "query",
            "required": false,
            "description": "Include retired versions.",
            "schema": {
              "type": "string",
              "enum": [
                "true",
                "false"
              ]
            }
          },
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "responses": {
          "200": {
            "description": "OK",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CampaignList"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "422": {
            "$ref": "#/components/responses/E422"
          }
        }
      }
    },
    "/v1/campaigns/{id}": {
      "get": {
        "operationId": "getCampaign",
        "summary": "Show a campaign version",
        "tags": [
          "pricing"
        ],
        "security": [
          {
            "bearerAuth": [
              "admin"
            ]
          }
        ],
        "x-required-scopes": [
          "admin"
        ],
        "description": "Scope: `admin`.",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "A campaign version's id.",
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "responses": {
          "200": {
            "description": "OK",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CampaignVersion"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          }
        }
      },
      "put": {
        "operationId": "replaceCampaign",
        "summary": "Replace a campaign version that never priced a job",
        "tags": [
          "pricing"
        ],
        "security": [
          {
            "bearerAuth": [
              "admin"
            ]
          }
        ],
        "x-required-scopes": [
          "admin"
        ],
        "description": "Scope: `admin`.",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "A campaign version's id.",
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CampaignDocument"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "OK",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CampaignVersion"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          },
          "409": {
            "description": "`version-in-use` or `version-retired`.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "Content-Language": {
                "$ref": "#/components/headers/ContentLanguage"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "422": {
            "description": "Validation failed, or the body's `id` differs from the path's.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "Content-Language": {
                "$ref": "#/components/headers/ContentLanguage"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          }
        }
      },
      "patch": {
        "operationId": "patchCampaign",
        "summary": "Change a campaign version that never priced a job (JSON merge patch)",
        "tags": [
          "pricing"
        ],
        "security": [
          {
            "bearerAuth": [
              "admin"
            ]
          }
        ],
        "x-required-scopes": [
          "admin"
        ],
        "description": "Scope: `admin`.",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "A campaign version's id.",
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/merge-patch+json": {
              "schema": {
                "type": "object"
              }
            },
            "application/json": {
              "schema": {
                "type": "object"
              }
            }
          },
          "description": "RFC 7396 merge patch applied to the stored document (`provinces` replaces the list when present)."
        },
        "responses": {
          "200": {
            "description": "OK",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CampaignVersion"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          },
          "409": {
            "description": "`version-in-use` or `version-retired`.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "Content-Language": {
                "$ref": "#/components/headers/ContentLanguage"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "422": {
            "description": "The merged document is invalid, or its `id` differs from the path's.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "Content-Language": {
                "$ref": "#/components/headers/ContentLanguage"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          }
        }
      }
    },
    "/v1/campaigns/{id}/retire": {
      "post": {
        "operationId": "retireCampaign",
        "summary": "Retire a campaign version",
        "tags": [
          "pricing"
        ],
        "security": [
          {
            "bearerAuth": [
              "admin"
            ]
          }
        ],
        "x-required-scopes": [
          "admin"
        ],
        "description": "Scope: `admin`.",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "A campaign version's id.",
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "responses": {
          "200": {
            "description": "OK",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CampaignVersion"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          },
          "409": {
            "description": "`version-retired`.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "Content-Language": {
                "$ref": "#/components/headers/ContentLanguage"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          }
        }
      }
    },
    "/v1/tariffs/{id}/close": {
      "post": {
        "operationId": "closeTariff",
        "summary": "End a tariff version's window (even one that priced jobs)",
        "tags": [
          "pricing"
        ],
        "security": [
          {
            "bearerAuth": [
              "admin"
            ]
          }
        ],
        "x-required-scopes": [
          "admin"
        ],
        "description": "So that a new version can follow it; never before the last date it priced a job.\n\nScope: `admin`.",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "A tariff version's id.",
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "valid_to"
                ],
                "properties": {
                  "valid_to": {
                    "type": "string",
                    "format": "date"
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "OK",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TariffVersion"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          },
          "409": {
            "$ref": "#/components/responses/E409"
          },
          "422": {
            "description": "`valid_to` missing or invalid, or before the last date the version priced a job.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "Content-Language": {
                "$ref": "#/components/headers/ContentLanguage"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          }
        }
      }
    },
    "/v1/reports/discounts": {
      "get": {
        "operationId": "getDiscountReport",
        "summary": "Discounts per campaign and funder",
        "tags": [
          "pricing"
        ],
        "security": [
          {
            "bearerAuth": [
              "admin"
            ]
          }
        ],
        "x-required-scopes": [
          "admin"
        ],
        "description": "Scope: `admin`.",
        "parameters": [
          {
            "name": "from",
            "in": "query",
            "required": true,
            "description": "First Vietnam date (inclusive).",
            "schema": {
              "type": "string",
              "format": "date"
            }
          },
          {
            "name": "to",
            "in": "query",
            "required": true,
            "description": "Last Vietnam date (inclusive).",
            "schema": {
              "type": "string",
              "format": "date"
            }
          },
          {
            "name": "format",
            "in": "query",
            "required": false,
            "description": "`csv` for CSV.",
            "schema": {
              "type": "string",
              "enum": [
                "json",
                "csv"
              ]
            }
          },
          {
            "name": "labels",
            "in": "query",
            "required": false,
            "description": "Vietnamese CSV headers.",
            "schema": {
              "type": "string",
              "enum": [
                "vi"
              ]
            }
          },
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "responses": {
          "200": {
            "description": "JSON, or CSV with `Accept: text/csv` or `format=csv`.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/DiscountReport"
                }
              },
              "text/csv": {
                "schema": {
                  "type": "string",
                  "description": "UTF-8 with BOM, snake_case headers (or Vietnamese with `labels=vi`), a last row of totals."
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "403": {
            "$ref": "#/components/responses/E403"
          },
          "422": {
            "description": "`from`/`to` missing or invalid, or `to` before `from`.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/XRequestId"
              },
              "Content-Language": {
                "$ref": "#/components/headers/ContentLanguage"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          }
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "bearerAuth": {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "prk_… or pst_…",
        "description": "A portal API key (`Authorization: Bearer prk_…`; scopes `jobs:read`, `jobs:write`, `webhooks:manage`, `admin` implying all) or a staff token from `POST /v1/auth/token` (`Bearer pst_…`; roles `admin`, `dispatcher`, `courier`, listed per operation in `x-staff-roles`)."
      }
    },
    "schemas": {
      "FieldError": {
        "type": "object",
        "required": [
          "field",
          "code",
          "message"
        ],
        "properties": {
          "field": {
            "type": "string",
            "description": "JSON path of the field at fault (`applicant.phone`), a query parameter (`limit`) or a header (`If-Match`); empty for the whole body."
          },
          "code": {
            "type": "string",
            "description": "Stable machine-readable code, e.g. `invalid_phone`, `required`, `unknown_commune`, `out_of_range`."
          },
          "message": {
            "type": "string",
            "description": "Human message in the response language (Vietnamese unless `Accept-Language: en`)."
          }
        }
      },
      "Problem": {
        "type": "object",
        "description": "RFC 9457 problem details. Extension members (all strings) appear on some problems: `existing_job_id` (duplicate-dossier), `current_state` (illegal-transition), `current_version` (stale-version, version-conflict), `delivery_status`.",
        "required": [
          "type",
          "title",
          "status"
        ],
        "properties": {
          "type": {
            "type": "string",
            "format": "uri",
            "description": "`https://postrun.vn/problems/<slug>`: validation, malformed-json, not-found, unauthorized, forbidden, unsupported-media-type, payload-too-large, precondition-required, stale-version, duplicate-dossier, illegal-transition, idempotency-key-reused, duplicate-office, internal, …",
            "examples": [
              "https://postrun.vn/problems/validation"
            ]
          },
          "title": {
            "type": "string"
          },
          "status": {
            "type": "integer",
            "minimum": 400,
            "maximum": 599
          },
          "detail": {
            "type": "string"
          },
          "instance": {
            "type": "string",
            "description": "`urn:request:<X-Request-Id>`",
            "pattern": "^urn:request:"
          },
          "errors": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/FieldError"
            }
          },
          "existing_job_id": {
            "type": "string"
          },
          "current_state": {
            "type": "string"
          },
          "current_version": {
            "type": "string",
            "pattern": "^\\d+$"
          }
        },
        "additionalProperties": true
      },
      "Dossier": {
        "type": "object",
        "description": "The dossier (hồ sơ). In responses, absent optional members are omitted.",
        "required": [
          "procedure_code",
          "procedure_name",
          "field",
          "channel"
        ],
        "properties": {
          "code": {
            "type": [
              "string",
              "null"
            ],
            "pattern": "^[A-Z0-9.]+-\\d{6}-\\d{4,}$",
            "maxLength": 64,
            "description": "Mã hồ sơ `AGENCY-YYMMDD-NNNN` (YYMMDD a real date). Required for `deliver_result` and for `online` dossiers; a paper dossier picked up before it reaches the agency may have none.",
            "examples": [
              "H21.22.10-261128-0001"
            ]
          },
          "procedure_code": {
            "type": "string",
            "pattern": "^[A-Za-z0-9][A-Za-z0-9.]{2,39}$",
            "examples": [
              "1.012784.000.00.00.H21"
            ]
          },
          "procedure_name": {
            "type": "string",
            "minLength": 1,
            "maxLength": 200
          },
          "field": {
            "type": "string",
            "pattern": "^[a-z][a-z0-9_]{0,99}$",
            "description": "Lĩnh vực as a snake_case code (open set).",
            "examples": [
              "land"
            ]
          },
          "channel": {
            "type": "string",
            "enum": [
              "online",
              "counter",
              "hotline",
              "postal"
            ]
          },
          "online_level": {
            "type": [
              "integer",
              "null"
            ],
            "minimum": 1,
            "maximum": 4,
            "description": "Required (1–4) when `channel` is `online`; dropped otherwise."
          },
          "appointment_date": {
            "type": [
              "string",
              "null"
            ],
            "format": "date",
            "description": "Ngày hẹn trả kết quả; not before `requested.date`."
          }
        }
      },
      "Agency": {
        "type": "object",
        "required": [
          "code",
          "name",
          "address",
          "commune_code"
        ],
        "properties": {
          "code": {
            "type": "string",
            "pattern": "^[A-Z0-9]+(\\.[A-Z0-9]+)*$",
            "maxLength": 40,
            "examples": [
              "H21.22.10"
            ]
          },
          "name": {
            "type": "string",
            "minLength": 1,
            "maxLength": 200
          },
          "address": {
            "type": "string",
            "minLength": 1,
            "maxLength": 500
          },
          "commune_code": {
            "type": "string",
            "pattern": "^\\d{5}$",
            "description": "A current 5-digit commune/ward code."
          }
        }
      },
      "Applicant": {
        "type": "object",
        "required": [
          "name",
          "phone"
        ],
        "properties": {
          "name": {
            "type": "string",
            "minLength": 1,
            "maxLength": 200
          },
          "phone": {
            "type": "string",
            "pattern": "^\\+?[0-9][0-9 .()\\-]{8,24}$",
            "description": "Vietnamese mobile (10 digits) or landline (11 digits, `02…`), with `.`, spaces, `-`, parentheses and an optional `+84`/`84`/`0084` prefix accepted; stored and returned canonical (`0912345678`).",
            "examples": [
              "0905 123 456",
              "+84 912 345 678"
            ]
          },
          "email": {
            "type": [
              "string",
              "null"
            ],
            "format": "email",
            "maxLength": 254
          },
          "id_last_digits": {
            "type": [
              "string",
              "null"
            ],
            "pattern": "^\\d{3,6}$"
          },
          "category": {
            "type": [
              "string",
              "null"
            ],
            "pattern": "^[a-z][a-z0-9_]{0,49}$",
            "examples": [
              "heroic_mother"
            ]
          },
          "language": {
            "type": [
              "string",
              "null"
            ],
            "pattern": "^[a-z][a-z0-9_]{0,29}$",
            "description": "The language the applicant needs the courier to speak; only couriers with the skill `lang:<code>` are sent (the job is left unplanned with `no_courier_with_skill` when none is on shift).",
            "examples": [
              "jrai",
              "bahnar"
            ]
          }
        }
      },
      "Address": {
        "type": "object",
        "required": [
          "line",
          "commune_code"
        ],
        "properties": {
          "line": {
            "type": "string",
            "minLength": 1,
            "maxLength": 500,
            "description": "Everything below the commune: house number, street, village."
          },
          "commune_code": {
            "type": "string",
            "pattern": "^\\d{5}$"
          },
          "lat": {
            "type": [
              "number",
              "null"
            ],
            "minimum": 7.5,
            "maximum": 23.5,
            "description": "Give both `lat` and `lon` or neither."
          },
          "lon": {
            "type": [
              "number",
              "null"
            ],
            "minimum": 102,
            "maximum": 118
          }
        }
      },
      "Requested": {
        "type": "object",
        "required": [
          "date",
          "slot"
        ],
        "properties": {
          "date": {
            "type": "string",
            "format": "date",
            "description": "Vietnam date; today or later, at most 180 days ahead."
          },
          "slot": {
            "type": "string",
            "enum": [
              "morning",
              "afternoon",
              "any"
            ]
          }
        }
      },
      "Fee": {
        "type": "object",
        "required": [
          "amount",
          "name"
        ],
        "properties": {
          "amount": {
            "type": "integer",
            "minimum": 1,
            "maximum": 50000000,
            "description": "Đồng."
          },
          "name": {
            "type": "string",
            "minLength": 1,
            "maxLength": 200
          }
        }
      },
      "JobRequest": {
        "type": "object",
        "description": "Body of `POST /v1/jobs`. Every problem is reported at once, each with its JSON path.",
        "required": [
          "kind",
          "dossier",
          "agency",
          "applicant",
          "address",
          "requested"
        ],
        "properties": {
          "kind": {
            "type": "string",
            "enum": [
              "pickup_dossier",
              "deliver_result",
              "pickup_and_return"
            ],
            "description": "`pickup_and_return` creates a linked `pickup_dossier` and `deliver_result` pair."
          },
          "dossier": {
            "$ref": "#/components/schemas/Dossier"
          },
          "agency": {
            "$ref": "#/components/schemas/Agency"
          },
          "applicant": {
            "$ref": "#/components/schemas/Applicant"
          },
          "address": {
            "$ref": "#/components/schemas/Address"
          },
          "requested": {
            "$ref": "#/components/schemas/Requested"
          },
          "fee_to_collect": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/Fee"
              },
              {
                "type": "null"
              }
            ],
            "description": "A government fee the courier collects in cash."
          },
          "weight_grams": {
            "type": [
              "integer",
              "null"
            ],
            "minimum": 1,
            "maximum": 30000
          },
          "notes": {
            "type": [
              "string",
              "null"
            ],
            "maxLength": 1000
          }
        }
      },
      "Quote": {
        "type": "object",
        "description": "The pricing engine's quote (price snapshot taken at acceptance).",
        "required": [
          "lines",
          "total",
          "currency"
        ],
        "properties": {
          "lines": {
            "type": "array",
            "items": {
              "type": "object"
            }
          },
          "total": {
            "type": "integer",
            "description": "Đồng."
          },
          "currency": {
            "type": "string",
            "examples": [
              "VND"
            ]
          },
          "tariff": {
            "type": "string"
          },
          "prices_include_vat": {
            "type": "boolean"
          },
          "vat_rate_basis_points": {
            "type": "integer"
          },
          "priced_on": {
            "type": "object"
          },
          "collected_fee": {
            "type": [
              "object",
              "null"
            ]
          }
        },
        "additionalProperties": true
      },
      "Job": {
        "type": "object",
        "description": "A job as shown to API clients (and carried by webhooks).",
        "required": [
          "id",
          "kind",
          "state",
          "version",
          "linked_job_id",
          "office",
          "dossier",
          "agency",
          "applicant",
          "address",
          "requested",
          "fee_to_collect",
          "weight_grams",
          "notes",
          "quote",
          "failed_attempts",
          "accepted_at",
          "updated_at"
        ],
        "properties": {
          "id": {
            "type": "string",
            "pattern": "^job_[0-9a-hjkmnp-tv-z]{20}$",
            "examples": [
              "job_01h8x2k9q4m7c3v6b5n0"
            ]
          },
          "kind": {
            "type": "string",
            "enum": [
              "pickup_dossier",
              "deliver_result",
              "return_result"
            ]
          },
          "state": {
            "type": "string",
            "enum": [
              "accepted",
              "scheduled",
              "out_for_pickup",
              "picked_up",
              "handed_to_agency",
              "result_collected",
              "out_for_delivery",
              "delivered",
              "failed_attempt",
              "rescheduled",
              "returned_to_agency",
              "cancelled"
            ]
          },
          "version": {
            "type": "integer",
            "minimum": 1,
            "description": "Also sent as the `ETag`; send it back in `If-Match`."
          },
          "linked_job_id": {
            "type": [
              "string",
              "null"
            ],
            "pattern": "^job_[0-9a-hjkmnp-tv-z]{20}$",
            "description": "The other job of a `pickup_and_return` pair."
          },
          "office": {
            "type": "object",
            "required": [
              "code",
              "name"
            ],
            "properties": {
              "code": {
                "type": "string"
              },
              "name": {
                "type": "string"
              }
            },
            "description": "The post office serving the address's commune."
          },
          "dossier": {
            "$ref": "#/components/schemas/Dossier"
          },
          "agency": {
            "$ref": "#/components/schemas/Agency"
          },
          "applicant": {
            "$ref": "#/components/schemas/Applicant"
          },
          "address": {
            "$ref": "#/components/schemas/Address"
          },
          "requested": {
            "$ref": "#/components/schemas/Requested"
          },
          "fee_to_collect": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/Fee"
              },
              {
                "type": "null"
              }
            ]
          },
          "weight_grams": {
            "type": [
              "integer",
              "null"
            ]
          },
          "notes": {
            "type": [
              "string",
              "null"
            ]
          },
          "quote": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/Quote"
              },
              {
                "type": "null"
              }
            ]
          },
          "failed_attempts": {
            "type": "integer",
            "minimum": 0
          },
          "accepted_at": {
            "type": "string",
            "format": "date-time",
            "description": "Vietnam time (`+07:00`)."
          },
          "updated_at": {
            "type": "string",
            "format": "date-time"
          }
        }
      },
      "JobPair": {
        "type": "object",
        "required": [
          "jobs"
        ],
        "description": "The two linked jobs a `pickup_and_return` request creates: pickup first.",
        "properties": {
          "jobs": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Job"
            },
            "minItems": 2,
            "maxItems": 2
          }
        }
      },
      "JobPage": {
        "type": "object",
        "required": [
          "data",
          "next_cursor"
        ],
        "properties": {
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Job"
            }
          },
          "next_cursor": {
            "type": [
              "string",
              "null"
            ],
            "description": "Pass as `cursor` for the next page; null on the last page."
          }
        }
      },
      "JobEvent": {
        "type": "object",
        "required": [
          "type",
          "to_state",
          "at",
          "actor",
          "data"
        ],
        "properties": {
          "type": {
            "type": "string",
            "description": "`accepted`, `edited` or a lifecycle event type.",
            "examples": [
              "accepted",
              "edited",
              "schedule",
              "unschedule",
              "start_pickup",
              "pick_up",
              "hand_over",
              "collect_result",
              "start_delivery",
              "deliver",
              "fail_attempt",
              "reschedule",
              "return_to_agency",
              "cancel"
            ]
          },
          "from_state": {
            "type": [
              "string",
              "null"
            ],
            "enum": [
              "accepted",
              "scheduled",
              "out_for_pickup",
              "picked_up",
              "handed_to_agency",
              "result_collected",
              "out_for_delivery",
              "delivered",
              "failed_attempt",
              "rescheduled",
              "returned_to_agency",
              "cancelled",
              null
            ],
            "description": "Omitted for the first event."
          },
          "to_state": {
            "type": "string",
            "enum": [
              "accepted",
              "scheduled",
              "out_for_pickup",
              "picked_up",
              "handed_to_agency",
              "result_collected",
              "out_for_delivery",
              "delivered",
              "failed_attempt",
              "rescheduled",
              "returned_to_agency",
              "cancelled"
            ]
          },
          "at": {
            "type": "string",
            "format": "date-time"
          },
          "actor": {
            "type": "string",
            "examples": [
              "client:cli_01h8x2k9q4m7c3v6b5n0"
            ]
          },
          "reason": {
            "type": [
              "string",
              "null"
            ],
            "description": "Cancellation or failure reason code, when there is one."
          },
          "lat": {
            "type": [
              "number",
              "null"
            ]
          },
          "lon": {
            "type": [
              "number",
              "null"
            ]
          },
          "data": {
            "description": "Free-form event data (e.g. `{\"note\": …}` on a cancel)."
          }
        }
      },
      "JobEventList": {
        "type": "object",
        "required": [
          "data"
        ],
        "properties": {
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/JobEvent"
            }
          }
        }
      },
      "CancelRequest": {
        "type": "object",
        "required": [
          "reason"
        ],
        "properties": {
          "reason": {
            "type": "string",
            "enum": [
              "applicant_request",
              "agency_request",
              "duplicate",
              "dossier_not_ready",
              "attempts_exhausted",
              "other"
            ]
          },
          "note": {
            "type": [
              "string",
              "null"
            ],
            "maxLength": 1000
          }
        }
      },
      "JobPatch": {
        "type": "object",
        "description": "Absent members are unchanged; `address` is replaced whole. A patch that changes nothing is 422 `empty_patch`; once a courier is out or the job is finished every section is 422 `not_editable`.",
        "properties": {
          "applicant": {
            "type": "object",
            "properties": {
              "name": {
                "type": [
                  "string",
                  "null"
                ],
                "minLength": 1,
                "maxLength": 200
              },
              "phone": {
                "type": [
                  "string",
                  "null"
                ],
                "pattern": "^\\+?[0-9][0-9 .()\\-]{8,24}$"
              },
              "email": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "email",
                "maxLength": 254
              }
            }
          },
          "address": {
            "$ref": "#/components/schemas/Address"
          },
          "requested": {
            "type": "object",
            "properties": {
              "date": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "date"
              },
              "slot": {
                "type": [
                  "string",
                  "null"
                ],
                "enum": [
                  "morning",
                  "afternoon",
                  "any",
                  null
                ]
              }
            }
          }
        }
      },
      "AdminUnit": {
        "type": "object",
        "required": [
          "code",
          "name",
          "full_name",
          "kind",
          "province_code",
          "valid_from",
          "area_classes",
          "service_weekdays"
        ],
        "properties": {
          "code": {
            "type": "string",
            "pattern": "^\\d{2}$|^\\d{5}$",
            "examples": [
              "23575"
            ]
          },
          "name": {
            "type": "string",
            "examples": [
              "Pleiku"
            ]
          },
          "full_name": {
            "type": "string",
            "examples": [
              "Phường Pleiku"
            ]
          },
          "kind": {
            "type": "string",
            "description": "`province`, or the kind of commune-level unit.",
            "examples": [
              "province",
              "ward",
              "commune"
            ]
          },
          "province_code": {
            "type": "string",
            "pattern": "^\\d{2}$"
          },
          "valid_from": {
            "type": "string",
            "format": "date"
          },
          "valid_to": {
            "type": [
              "string",
              "null"
            ],
            "format": "date",
            "description": "Omitted for current units."
          },
          "lat": {
            "type": [
              "number",
              "null"
            ]
          },
          "lon": {
            "type": [
              "number",
              "null"
            ]
          },
          "area_classes": {
            "type": "array",
            "items": {
              "type": "string",
              "enum": [
                "urban",
                "rural",
                "remote",
                "ethnic_minority",
                "especially_difficult"
              ]
            }
          },
          "office": {
            "type": [
              "string",
              "null"
            ],
            "description": "Code of the serving post office; omitted when none."
          },
          "service_weekdays": {
            "type": "array",
            "items": {
              "type": "integer",
              "minimum": 1,
              "maximum": 7
            },
            "description": "1 = Monday … 7 = Sunday."
          }
        }
      },
      "AdminUnitList": {
        "type": "object",
        "required": [
          "data"
        ],
        "properties": {
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/AdminUnit"
            }
          }
        }
      },
      "AdminUnitPatch": {
        "type": "object",
        "properties": {
          "area_classes": {
            "type": "array",
            "items": {
              "type": "string",
              "enum": [
                "urban",
                "rural",
                "remote",
                "ethnic_minority",
                "especially_difficult"
              ]
            }
          },
          "office": {
            "type": [
              "string",
              "null"
            ],
            "description": "A post office code, or null to detach."
          },
          "service_weekdays": {
            "type": "array",
            "items": {
              "type": "integer",
              "minimum": 1,
              "maximum": 7
            }
          }
        }
      },
      "PostOffice": {
        "type": "object",
        "required": [
          "code",
          "name",
          "address",
          "province_code",
          "opens_at",
          "closes_at",
          "cutoff_at",
          "working_days",
          "communes",
          "version"
        ],
        "properties": {
          "code": {
            "type": "string"
          },
          "name": {
            "type": "string"
          },
          "address": {
            "type": "string"
          },
          "province_code": {
            "type": "string",
            "pattern": "^[0-9]{2}$"
          },
          "opens_at": {
            "type": "string",
            "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$",
            "description": "HH:MM, Vietnam time."
          },
          "closes_at": {
            "type": "string",
            "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"
          },
          "cutoff_at": {
            "type": "string",
            "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$",
            "description": "Requests after this time go to the next serving day."
          },
          "working_days": {
            "type": "array",
            "items": {
              "type": "integer",
              "minimum": 1,
              "maximum": 7
            },
            "minItems": 1
          },
          "lat": {
            "type": [
              "number",
              "null"
            ],
            "description": "Omitted when unknown."
          },
          "lon": {
            "type": [
              "number",
              "null"
            ]
          },
          "communes": {
            "type": "integer",
            "minimum": 0,
            "description": "Current communes served."
          },
          "version": {
            "type": "integer",
            "minimum": 1
          }
        }
      },
      "PostOfficeList": {
        "type": "object",
        "required": [
          "data"
        ],
        "properties": {
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/PostOffice"
            }
          }
        }
      },
      "PostOfficeCreate": {
        "type": "object",
        "required": [
          "code",
          "name",
          "province_code"
        ],
        "description": "Defaults: opens 07:30, closes 17:00, cut-off 16:00, Monday–Friday.",
        "properties": {
          "code": {
            "type": "string",
            "pattern": "^[A-Z0-9][A-Z0-9-]{1,31}$",
            "examples": [
              "BC-PLEIKU"
            ]
          },
          "name": {
            "type": "string",
            "minLength": 1,
            "maxLength": 200
          },
          "address": {
            "type": [
              "string",
              "null"
            ],
            "maxLength": 500
          },
          "province_code": {
            "type": "string",
            "pattern": "^[0-9]{2}$"
          },
          "lat": {
            "type": [
              "number",
              "null"
            ],
            "minimum": 7.5,
            "maximum": 23.5
          },
          "lon": {
            "type": [
              "number",
              "null"
            ],
            "minimum": 102,
            "maximum": 118
          },
          "opens_at": {
            "type": [
              "string",
              "null"
            ],
            "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$",
            "description": "HH:MM, Vietnam time."
          },
          "closes_at": {
            "type": [
              "string",
              "null"
            ],
            "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"
          },
          "cutoff_at": {
            "type": [
              "string",
              "null"
            ],
            "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$",
            "description": "Requests after this time go to the next serving day."
          },
          "working_days": {
            "type": [
              "array",
              "null"
            ],
            "items": {
              "type": "integer",
              "minimum": 1,
              "maximum": 7
            },
            "minItems": 1
          }
        }
      },
      "PostOfficeUpdate": {
        "type": "object",
        "description": "Absent (or null) members are unchanged. `code` and `province_code` cannot change (422 `immutable`).",
        "properties": {
          "name": {
            "type": [
              "string",
              "null"
            ],
            "minLength": 1,
            "maxLength": 200
          },
          "address": {
            "type": [
              "string",
              "null"
            ],
            "maxLength": 500
          },
          "lat": {
            "type": [
              "number",
              "null"
            ],
            "minimum": 7.5,
            "maximum": 23.5
          },
          "lon": {
            "type": [
              "number",
              "null"
            ],
            "minimum": 102,
            "maximum": 118
          },
          "opens_at": {
            "type": [
              "string",
              "null"
            ],
            "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$",
            "description": "HH:MM, Vietnam time."
          },
          "closes_at": {
            "type": [
              "string",
              "null"
            ],
            "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"
          },
          "cutoff_at": {
            "type": [
              "string",
              "null"
            ],
            "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$",
            "description": "Requests after this time go to the next serving day."
          },
          "working_days": {
            "type": [
              "array",
              "null"
            ],
            "items": {
              "type": "integer",
              "minimum": 1,
              "maximum": 7
            },
            "minItems": 1
          }
        }
      },
      "Health": {
        "type": "object",
        "required": [
          "status"
        ],
        "properties": {
          "status": {
            "type": "string",
            "const": "ok"
          }
        }
      },
      "Ready": {
        "type": "object",
        "required": [
          "status",
          "database",
          "migrations"
        ],
        "properties": {
          "status": {
            "type": "string",
            "const": "ready"
          },
          "database": {
            "type": "string",
            "const": "up"
          },
          "migrations": {
            "type": "integer",
            "minimum": 0,
            "description": "Applied migrations."
          }
        }
      },
      "NotReady": {
        "type": "object",
        "required": [
          "status",
          "database",
          "reason"
        ],
        "properties": {
          "status": {
            "type": "string",
            "const": "not_ready"
          },
          "database": {
            "type": "string",
            "enum": [
              "up",
              "down"
            ]
          },
          "reason": {
            "type": "string"
          },
          "pending_migrations": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "changed_migrations": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "missing_migrations": {
            "type": "array",
            "items": {
              "type": "string"
            }
          }
        }
      },
      "WebhookEndpoint": {
        "type": "object",
        "required": [
          "id",
          "url",
          "events",
          "active",
          "created_at",
          "updated_at",
          "version"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "url": {
            "type": "string",
            "format": "uri"
          },
          "events": {
            "type": "array",
            "items": {
              "type": "string",
              "enum": [
                "job.accepted",
                "job.scheduled",
                "job.out_for_pickup",
                "job.picked_up",
                "job.handed_to_agency",
                "job.result_collected",
                "job.out_for_delivery",
                "job.delivered",
                "job.failed_attempt",
                "job.rescheduled",
                "job.returned_to_agency",
                "job.cancelled"
              ]
            },
            "description": "Empty: every event."
          },
          "active": {
            "type": "boolean"
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          },
          "updated_at": {
            "type": "string",
            "format": "date-time"
          },
          "version": {
            "type": "integer",
            "minimum": 1
          }
        }
      },
      "WebhookEndpointWithSecret": {
        "allOf": [
          {
            "$ref": "#/components/schemas/WebhookEndpoint"
          },
          {
            "type": "object",
            "required": [
              "secret"
            ],
            "properties": {
              "secret": {
                "type": "string",
                "description": "The signing secret; shown only here."
              }
            }
          }
        ]
      },
      "WebhookEndpointList": {
        "type": "object",
        "required": [
          "items"
        ],
        "properties": {
          "items": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/WebhookEndpoint"
            }
          }
        }
      },
      "WebhookCreate": {
        "type": "object",
        "required": [
          "url"
        ],
        "properties": {
          "url": {
            "type": "string",
            "format": "uri",
            "maxLength": 2048,
            "description": "Absolute http(s) URL without a fragment."
          },
          "events": {
            "type": "array",
            "items": {
              "type": "string",
              "enum": [
                "job.accepted",
                "job.scheduled",
                "job.out_for_pickup",
                "job.picked_up",
                "job.handed_to_agency",
                "job.result_collected",
                "job.out_for_delivery",
                "job.delivered",
                "job.failed_attempt",
                "job.rescheduled",
                "job.returned_to_agency",
                "job.cancelled"
              ]
            },
            "maxItems": 12
          }
        }
      },
      "WebhookUpdate": {
        "type": "object",
        "properties": {
          "url": {
            "type": "string",
            "format": "uri",
            "maxLength": 2048
          },
          "events": {
            "type": "array",
            "items": {
              "type": "string",
              "enum": [
                "job.accepted",
                "job.scheduled",
                "job.out_for_pickup",
                "job.picked_up",
                "job.handed_to_agency",
                "job.result_collected",
                "job.out_for_delivery",
                "job.delivered",
                "job.failed_attempt",
                "job.rescheduled",
                "job.returned_to_agency",
                "job.cancelled"
              ]
            },
            "maxItems": 12
          },
          "active": {
            "type": "boolean"
          }
        }
      },
      "WebhookDelivery": {
        "type": "object",
        "required": [
          "id",
          "endpoint_id",
          "event_id",
          "event_type",
          "job_id",
          "status",
          "attempts",
          "next_attempt_at",
          "last_status_code",
          "last_error",
          "delivered_at",
          "dead_at",
          "created_at"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "endpoint_id": {
            "type": "string"
          },
          "event_id": {
            "type": "string"
          },
          "event_type": {
            "type": "string"
          },
          "job_id": {
            "type": [
              "string",
              "null"
            ]
          },
          "status": {
            "type": "string",
            "enum": [
              "pending",
              "delivered",
              "dead"
            ]
          },
          "attempts": {
            "type": "integer",
            "minimum": 0
          },
          "next_attempt_at": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          },
          "last_status_code": {
            "type": [
              "integer",
              "null"
            ]
          },
          "last_error": {
            "type": [
              "string",
              "null"
            ]
          },
          "delivered_at": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          },
          "dead_at": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          }
        }
      },
      "WebhookDeliveryPage": {
        "type": "object",
        "required": [
          "items",
          "next_cursor"
        ],
        "properties": {
          "items": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/WebhookDelivery"
            }
          },
          "next_cursor": {
            "type": [
              "string",
              "null"
            ]
          }
        }
      },
      "QuoteRequest": {
        "allOf": [
          {
            "$ref": "#/components/schemas/JobRequest"
          },
          {
            "type": "object",
            "properties": {
              "as_of": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "date",
                "description": "Price as of this date (also 'today' for the requested-date rules)."
              }
            }
          }
        ]
      },
      "QuotePair": {
        "type": "object",
        "required": [
          "kinds",
          "quotes",
          "total",
          "currency"
        ],
        "properties": {
          "kinds": {
            "type": "array",
            "items": {
              "type": "string",
              "enum": [
                "pickup_dossier",
                "deliver_result"
              ]
            }
          },
          "quotes": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Quote"
            },
            "minItems": 2,
            "maxItems": 2
          },
          "total": {
            "type": "integer"
          },
          "currency": {
            "type": "string"
          }
        }
      },
      "RepriceRequest": {
        "type": "object",
        "required": [
          "reason"
        ],
        "properties": {
          "reason": {
            "type": "string",
            "minLength": 1,
            "maxLength": 500
          }
        }
      },
      "Repricing": {
        "type": "object",
        "required": [
          "job",
          "version",
          "reason",
          "old",
          "new"
        ],
        "properties": {
          "job": {
            "type": "string"
          },
          "version": {
            "type": "integer"
          },
          "reason": {
            "type": "string"
          },
          "old": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/Quote"
              },
              {
                "type": "null"
              }
            ]
          },
          "new": {
            "$ref": "#/components/schemas/Quote"
          }
        }
      },
      "TariffDocument": {
        "type": "object",
        "required": [
          "id",
          "name",
          "valid_from",
          "components"
        ],
        "additionalProperties": true,
        "description": "The pricing engine's tariff document (zones, components, VAT, rounding, area-class adjustments, exemptions).",
        "properties": {
          "id": {
            "type": "string"
          },
          "name": {
            "type": "string"
          },
          "valid_from": {
            "type": "string",
            "format": "date"
          },
          "valid_to": {
            "type": [
              "string",
              "null"
            ],
            "format": "date"
          },
          "components": {
            "type": "array",
            "items": {
              "type": "object"
            }
          }
        }
      },
      "CampaignDocument": {
        "type": "object",
        "required": [
          "id"
        ],
        "additionalProperties": true,
        "description": "The pricing engine's campaign document, plus an optional `provinces` list (absent: every province).",
        "properties": {
          "id": {
            "type": "string"
          },
          "provinces": {
            "type": [
              "array",
              "null"
            ],
            "items": {
              "type": "string",
              "pattern": "^\\d{2}$"
            }
          }
        }
      },
      "TariffVersion": {
        "type": "object",
        "required": [
          "id",
          "status",
          "tariff",
          "created_at",
          "created_by",
          "updated_at",
          "retired_at",
          "retired_by"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "tariff": {
            "$ref": "#/components/schemas/TariffDocument"
          },
          "status": {
            "type": "string",
            "enum": [
              "active",
              "retired"
            ]
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          },
          "created_by": {
            "type": "string"
          },
          "updated_at": {
            "type": "string",
            "format": "date-time"
          },
          "retired_at": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          },
          "retired_by": {
            "type": [
              "string",
              "null"
            ]
          },
          "priced_jobs": {
            "type": "integer",
            "description": "On single reads: jobs priced with this version."
          }
        }
      },
      "CampaignVersion": {
        "type": "object",
        "required": [
          "id",
          "status",
          "campaign",
          "provinces",
          "created_at",
          "created_by",
          "updated_at",
          "retired_at",
          "retired_by"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "campaign": {
            "type": "object",
            "additionalProperties": true
          },
          "provinces": {
            "type": [
              "array",
              "null"
            ],
            "items": {
              "type": "string"
            }
          },
          "status": {
            "type": "string",
            "enum": [
              "active",
              "retired"
            ]
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          },
          "created_by": {
            "type": "string"
          },
          "updated_at": {
            "type": "string",
            "format": "date-time"
          },
          "retired_at": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          },
          "retired_by": {
            "type": [
              "string",
              "null"
            ]
          },
          "discounted_jobs": {
            "type": "integer"
          }
        }
      },
      "TariffList": {
        "type": "object",
        "required": [
          "tariffs"
        ],
        "properties": {
          "tariffs": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/TariffVersion"
            }
          }
        }
      },
      "CampaignList": {
        "type": "object",
        "required": [
          "campaigns"
        ],
        "properties": {
          "campaigns": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/CampaignVersion"
            }
          }
        }
      },
      "DiscountReport": {
        "type": "object",
        "required": [
          "from",
          "to",
          "time_zone",
          "currency",
          "rows",
          "totals"
        ],
        "properties": {
          "from": {
            "type": "string",
            "format": "date"
          },
          "to": {
            "type": "string",
            "format": "date"
          },
          "time_zone": {
            "type": "string"
          },
          "currency": {
            "type": "string"
          },
          "rows": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "campaign",
                "campaign_name",
                "funder",
                "jobs",
                "gross_postage",
                "discount",
                "net_postage",
                "collected_fees"
              ],
              "properties": {
                "campaign": {
                  "type": "string"
                },
                "campaign_name": {
                  "type": "string"
                },
                "funder": {
                  "type": "string"
                },
                "jobs": {
                  "type": "integer"
                },
                "gross_postage": {
                  "type": "integer"
                },
                "discount": {
                  "type": "integer"
                },
                "net_postage": {
                  "type": "integer"
                },
                "collected_fees": {
                  "type": "integer"
                }
              }
            }
          },
          "totals": {
            "type": "object",
            "required": [
              "jobs",
              "gross_postage",
              "discount",
              "net_postage",
              "collected_fees"
            ],
            "properties": {
              "jobs": {
                "type": "integer"
              },
              "gross_postage": {
                "type": "integer"
              },
              "discount": {
                "type": "integer"
              },
              "net_postage": {
                "type": "integer"
              },
              "collected_fees": {
                "type": "integer"
              }
            }
          }
        }
      }
    },
    "parameters": {
      "IdempotencyKey": {
        "name": "Idempotency-Key",
        "in": "header",
        "required": false,
        "description": "1–200 printable ASCII characters. A repeat with the same key and body (kept at least 24 h) replays the first response with `Idempotent-Replayed: true`; the same key with another body is 422 `idempotency-key-reused`.",
        "schema": {
          "type": "string",
          "pattern": "^[\\x21-\\x7E]{1,200}$"
        }
      },
      "IfMatchRequired": {
        "name": "If-Match",
        "in": "header",
        "required": true,
        "description": "The version you read (the `ETag`, e.g. `\"3\"`; `3` and `W/\"3\"` are accepted). Missing: 428; stale: 412 with `current_version`.",
        "schema": {
          "type": "string",
          "pattern": "^(W/)?\\\"?[0-9]{1,9}\\\"?$"
        }
      },
      "IfMatchOptional": {
        "name": "If-Match",
        "in": "header",
        "required": false,
        "description": "Optional version check: a stale version is 412 with `current_version`.",
        "schema": {
          "type": "string",
          "pattern": "^(W/)?\\\"?[0-9]{1,9}\\\"?$"
        }
      },
      "RequestId": {
        "name": "X-Request-Id",
        "in": "header",
        "required": false,
        "description": "Your correlation id (1–128 of `A-Za-z0-9-_.:`); otherwise one is generated. Echoed back and logged.",
        "schema": {
          "type": "string",
          "pattern": "^[A-Za-z0-9\\-_.:]{1,128}$"
        }
      },
      "AcceptLanguage": {
        "name": "Accept-Language",
        "in": "header",
        "required": false,
        "description": "Language of problem texts: Vietnamese (default) or English (`en`).",
        "schema": {
          "type": "string",
          "examples": [
            "en",
            "vi"
          ]
        }
      },
      "JobID": {
        "name": "id",
        "in": "path",
        "required": true,
        "description": "A job's public id.",
        "schema": {
          "type": "string",
          "examples": [
            "job_01h8x2k9q4m7c3v6b5n0"
          ]
        }
      }
    },
    "headers": {
      "XRequestId": {
        "description": "The request's id (yours if it was sane, otherwise generated).",
        "schema": {
          "type": "string"
        }
      },
      "ETag": {
        "description": "The record's version, quoted: `\"3\"`. Send it back in `If-Match`.",
        "schema": {
          "type": "string",
          "pattern": "^\\\"[0-9]+\\\"$"
        }
      },
      "IdempotentReplayed": {
        "description": "`true` when this is the stored response of an earlier request with the same `Idempotency-Key`.",
        "schema": {
          "type": "string",
          "const": "true"
        }
      },
      "ContentLanguage": {
        "description": "`vi` or `en`.",
        "schema": {
          "type": "string",
          "enum": [
            "vi",
            "en"
          ]
        }
      },
      "Location": {
        "description": "The new resource.",
        "schema": {
          "type": "string"
        }
      },
      "WWWAuthenticate": {
        "description": "`Bearer`.",
        "schema": {
          "type": "string"
        }
      }
    },
    "responses": {
      "E400": {
        "description": "Malformed JSON, or a member of the wrong type (`errors[].field` names it).",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/XRequestId"
          },
          "Content-Language": {
            "$ref": "#/components/headers/ContentLanguage"
          }
        },
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      },
      "E401": {
        "description": "Missing or invalid `Authorization: Bearer prk_…` (an invalid header is refused on every route).",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/XRequestId"
          },
          "Content-Language": {
            "$ref": "#/components/headers/ContentLanguage"
          },
          "WWW-Authenticate": {
            "$ref": "#/components/headers/WWWAuthenticate"
          }
        },
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      },
      "E403": {
        "description": "The key lacks the scope this operation needs.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/XRequestId"
          },
          "Content-Language": {
            "$ref": "#/components/headers/ContentLanguage"
          }
        },
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      },
      "E404": {
        "description": "No such resource (or not visible to this client).",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/XRequestId"
          },
          "Content-Language": {
            "$ref": "#/components/headers/ContentLanguage"
          }
        },
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      },
      "E409": {
        "description": "Conflict with the current state.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/XRequestId"
          },
          "Content-Language": {
            "$ref": "#/components/headers/ContentLanguage"
          }
        },
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      },
      "E412": {
        "description": "`If-Match` is stale: `current_version` has the current one.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/XRequestId"
          },
          "Content-Language": {
            "$ref": "#/components/headers/ContentLanguage"
          }
        },
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      },
      "E413": {
        "description": "Body larger than 1 MiB.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/XRequestId"
          },
          "Content-Language": {
            "$ref": "#/components/headers/ContentLanguage"
          }
        },
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      },
      "E415": {
        "description": "The body is not sent as `application/json`.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/XRequestId"
          },
          "Content-Language": {
            "$ref": "#/components/headers/ContentLanguage"
          }
        },
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      },
      "E422": {
        "description": "Validation failed: `errors` lists every field at fault.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/XRequestId"
          },
          "Content-Language": {
            "$ref": "#/components/headers/ContentLanguage"
          }
        },
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      },
      "E428": {
        "description": "`If-Match` is required here.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/XRequestId"
          },
          "Content-Language": {
            "$ref": "#/components/headers/ContentLanguage"
          }
        },
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      }
    }
  }
}
"""#
}
