extension OpenAPIDocument {
    /// The courier's phone (`/v1/courier/…`): runs, events, offline batches, signatures and photos.
    static let courierFieldFragment = #"""
{
  "tags": [
    {
      "name": "courier",
      "description": "The courier's phone: the day's runs, events from the door (offline batches), signatures and photos."
    }
  ],
  "paths": {
    "/v1/courier/runs/today": {
      "get": {
        "operationId": "getCourierRunsToday",
        "summary": "Today's runs (courier)",
        "tags": [
          "courier"
        ],
        "description": "The caller's published (or completed) runs of today in Vietnam, stops in order. Dispatchers and admins pass `courier`. Small body with a strong ETag; `If-None-Match` gives 304.",
        "parameters": [
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          },
          {
            "name": "courier",
            "in": "query",
            "description": "Dispatchers and admins: the courier (`cou_…`) whose runs to read. Couriers: omit (or their own id).",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "If-None-Match",
            "in": "header",
            "description": "The ETag of the body the phone holds: 304 when unchanged.",
            "schema": {
              "type": "string"
            }
          }
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "x-staff-roles": [
          "courier",
          "dispatcher",
          "admin"
        ],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CourierRuns"
                }
              }
            },
            "headers": {
              "ETag": {
                "schema": {
                  "type": "string"
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
          "422": {
            "$ref": "#/components/responses/E422"
          },
          "304": {
            "description": "Not modified: the `If-None-Match` ETag is current.",
            "headers": {
              "ETag": {
                "schema": {
                  "type": "string"
                }
              }
            }
          }
        }
      }
    },
    "/v1/courier/runs": {
      "get": {
        "operationId": "getCourierRuns",
        "summary": "Runs of a day (courier)",
        "tags": [
          "courier"
        ],
        "description": "As `/v1/courier/runs/today`, for `date`.",
        "parameters": [
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          },
          {
            "name": "date",
            "in": "query",
            "required": true,
            "description": "Service date, `YYYY-MM-DD`.",
            "schema": {
              "type": "string",
              "format": "date"
            }
          },
          {
            "name": "courier",
            "in": "query",
            "description": "Dispatchers and admins: the courier (`cou_…`) whose runs to read. Couriers: omit (or their own id).",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "If-None-Match",
            "in": "header",
            "description": "The ETag of the body the phone holds: 304 when unchanged.",
            "schema": {
              "type": "string"
            }
          }
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "x-staff-roles": [
          "courier",
          "dispatcher",
          "admin"
        ],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CourierRuns"
                }
              }
            },
            "headers": {
              "ETag": {
                "schema": {
                  "type": "string"
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
          "422": {
            "$ref": "#/components/responses/E422"
          },
          "304": {
            "description": "Not modified: the `If-None-Match` ETag is current.",
            "headers": {
              "ETag": {
                "schema": {
                  "type": "string"
                }
              }
            }
          }
        }
      }
    },
    "/v1/courier/stops/{id}": {
      "get": {
        "operationId": "getCourierStop",
        "summary": "One stop (courier)",
        "tags": [
          "courier"
        ],
        "description": "A stop of the caller's published runs; another courier's stop is 404.",
        "parameters": [
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          },
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "A stop's id.",
            "schema": {
              "type": "string"
            }
          }
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "x-staff-roles": [
          "courier"
        ],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CourierStop"
                }
              }
            },
            "headers": {
              "ETag": {
                "schema": {
                  "type": "string"
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
          "304": {
            "description": "Not modified: the `If-None-Match` ETag is current.",
            "headers": {
              "ETag": {
                "schema": {
                  "type": "string"
                }
              }
            }
          }
        }
      }
    },
    "/v1/courier/events:batch": {
      "post": {
        "operationId": "postCourierEventBatch",
        "summary": "Apply a batch of events (offline sync)",
        "tags": [
          "courier"
        ],
        "description": "Up to 500 events. Applied in device-time order (ties by `client_event_id`), each in its own transaction, with an answer per event in the order sent: `applied`, `duplicate` (sent before: the first answer in `result`, nothing changed) or `rejected` (`result.problem` says why, in Vietnamese and English). Every event with a usable `client_event_id` is stored, so a resent batch changes nothing and answers the same.",
        "parameters": [
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "x-staff-roles": [
          "courier"
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "events"
                ],
                "properties": {
                  "events": {
                    "type": "array",
                    "minItems": 1,
                    "maxItems": 500,
                    "items": {
                      "$ref": "#/components/schemas/CourierEvent"
                    }
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CourierEventBatchResult"
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
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          },
          "422": {
            "$ref": "#/components/responses/E422"
          }
        }
      }
    },
    "/v1/courier/events": {
      "post": {
        "operationId": "postCourierEvent",
        "summary": "Apply one event",
        "tags": [
          "courier"
        ],
        "description": "The batch's code path for one event. Applied or duplicate: 200 with the answer. Rejected (now or the first time): problem+json with the rejection's status (404 unknown stop, 409 not possible in the job's or stop's state, 422 invalid fields).",
        "parameters": [
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "x-staff-roles": [
          "courier"
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CourierEvent"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CourierEventAnswer"
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
            "$ref": "#/components/responses/E409"
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
          "422": {
            "$ref": "#/components/responses/E422"
          }
        }
      }
    },
    "/v1/courier/attachments": {
      "post": {
        "operationId": "uploadCourierAttachment",
        "summary": "Upload a signature or photo",
        "tags": [
          "courier"
        ],
        "description": "Raw image body (`image/png`, `image/jpeg`, `image/webp`; checked by its first bytes) for a stop at the applicant on the caller's published runs. At most `attachments.max_bytes` (default 2 MiB): 413 above. Returns the id to name in a `delivered` event.",
        "parameters": [
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          },
          {
            "name": "stop_id",
            "in": "query",
            "required": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "kind",
            "in": "query",
            "schema": {
              "type": "string",
              "enum": [
                "signature",
                "photo"
              ]
            }
          }
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "x-staff-roles": [
          "courier"
        ],
        "responses": {
          "201": {
            "description": "Created",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Attachment"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
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
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          },
          "422": {
            "$ref": "#/components/responses/E422"
          }
        },
        "requestBody": {
          "required": true,
          "content": {
            "image/png": {
              "schema": {
                "type": "string",
                "contentMediaType": "image/png"
              }
            },
            "image/jpeg": {
              "schema": {
                "type": "string",
                "contentMediaType": "image/jpeg"
              }
            },
            "image/webp": {
              "schema": {
                "type": "string",
                "contentMediaType": "image/webp"
              }
            }
          }
        }
      }
    },
    "/v1/jobs/{id}/attachments/{attachment}": {
      "get": {
        "operationId": "getJobAttachment",
        "summary": "Download a signature or photo",
        "tags": [
          "courier"
        ],
        "description": "Dispatchers and admins of the job's office, or the courier who took it. The image bytes.",
        "parameters": [
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          },
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "A job's id (`job_…`).",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "attachment",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          }
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "x-staff-roles": [
          "dispatcher",
          "admin",
          "courier"
        ],
        "responses": {
          "200": {
            "description": "The image",
            "content": {
              "image/png": {
                "schema": {
                  "type": "string",
                  "contentMediaType": "image/png"
                }
              },
              "image/jpeg": {
                "schema": {
                  "type": "string",
                  "contentMediaType": "image/jpeg"
                }
              },
              "image/webp": {
                "schema": {
                  "type": "string",
                  "contentMediaType": "image/webp"
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
    }
  },
  "components": {
    "schemas": {
      "CourierRuns": {
        "type": "object",
        "required": [
          "date",
          "courier",
          "runs"
        ],
        "properties": {
          "date": {
            "type": "string",
            "format": "date"
          },
          "courier": {
            "type": "string"
          },
          "runs": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "id",
                "status",
                "version",
                "service_date",
                "stops"
              ],
              "properties": {
                "id": {
                  "type": "string"
                },
                "status": {
                  "type": "string",
                  "enum": [
                    "published",
                    "completed"
                  ]
                },
                "version": {
                  "type": "integer"
                },
                "service_date": {
                  "type": "string",
                  "format": "date"
                },
                "stops": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/CourierStop"
                  }
                }
              }
            }
          }
        }
      },
      "CourierStop": {
        "type": "object",
        "required": [
          "id",
          "position",
          "action",
          "status",
          "planned_arrival",
          "window_start",
          "window_end",
          "job",
          "dossier_code",
          "applicant",
          "address",
          "agency",
          "fee_to_collect",
          "notes"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "position": {
            "type": "integer"
          },
          "action": {
            "type": "string",
            "enum": [
              "pickup_dossier",
              "hand_over",
              "collect_result",
              "deliver_result",
              "return_result"
            ]
          },
          "status": {
            "type": "string",
            "enum": [
              "pending",
              "arrived",
              "done",
              "failed",
              "skipped"
            ]
          },
          "planned_arrival": {
            "type": [
              "string",
              "null"
            ],
            "pattern": "^[0-2][0-9]:[0-5][0-9]$"
          },
          "window_start": {
            "type": [
              "string",
              "null"
            ],
            "pattern": "^[0-2][0-9]:[0-5][0-9]$"
          },
          "window_end": {
            "type": [
              "string",
              "null"
            ],
            "pattern": "^[0-2][0-9]:[0-5][0-9]$"
          },
          "job": {
            "type": "object",
            "required": [
              "id",
              "kind",
              "state"
            ],
            "properties": {
              "id": {
                "type": "string"
              },
              "kind": {
                "type": "string"
              },
              "state": {
                "type": "string"
              }
            }
          },
          "dossier_code": {
            "type": [
              "string",
              "null"
            ]
          },
          "applicant": {
            "type": [
              "object",
              "null"
            ],
            "properties": {
              "name": {
                "type": "string"
              },
              "phone": {
                "type": "string"
              }
            }
          },
          "address": {
            "type": [
              "object",
              "null"
            ],
            "properties": {
              "line": {
                "type": "string"
              },
              "commune": {
                "type": [
                  "string",
                  "null"
                ]
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
              }
            }
          },
          "agency": {
            "type": [
              "object",
              "null"
            ],
            "properties": {
              "code": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "name": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "address": {
                "type": [
                  "string",
                  "null"
                ]
              }
            }
          },
          "fee_to_collect": {
            "type": [
              "integer",
              "null"
            ],
            "description": "Government fee to collect in cash, đồng."
          },
          "notes": {
            "type": [
              "string",
              "null"
            ]
          }
        }
      },
      "CourierEvent": {
        "type": "object",
        "required": [
          "client_event_id",
          "device_time",
          "stop_id",
          "type"
        ],
        "description": "One event from the phone. `type` decides which members apply: `picked_up` needs `slip_number` and `document_count` (`fee_collected`, `postage_collected` optional); `delivered` needs `receiver_name`, `relation`, `id_last_digits` (`attachment_ids`, `fee_collected`, `postage_collected` optional); `failed` needs `reason` (and `note` for `other`). Agency stops take only `arrived`.",
        "properties": {
          "client_event_id": {
            "type": "string",
            "minLength": 1,
            "maxLength": 100,
            "description": "Made by the phone, unique per courier: a resent event is recognised by it."
          },
          "device_time": {
            "type": "string",
            "format": "date-time",
            "description": "The phone's clock, ISO 8601 with an offset."
          },
          "stop_id": {
            "type": "string"
          },
          "type": {
            "type": "string",
            "enum": [
              "arrived",
              "picked_up",
              "delivered",
              "failed"
            ]
          },
          "slip_number": {
            "type": "string",
            "maxLength": 50
          },
          "document_count": {
            "type": "integer",
            "minimum": 1,
            "maximum": 500
          },
          "fee_collected": {
            "type": "object",
            "required": [
              "amount",
              "receipt_number"
            ],
            "properties": {
              "amount": {
                "type": "integer",
                "minimum": 1,
                "maximum": 50000000
              },
              "receipt_number": {
                "type": "string",
                "maxLength": 50
              }
            }
          },
          "postage_collected": {
            "type": "object",
            "required": [
              "amount",
              "receipt_number"
            ],
            "properties": {
              "amount": {
                "type": "integer",
                "minimum": 1,
                "maximum": 50000000
              },
              "receipt_number": {
                "type": "string",
                "maxLength": 50
              }
            }
          },
          "receiver_name": {
            "type": "string",
            "maxLength": 200
          },
          "relation": {
            "type": "string",
            "enum": [
              "self",
              "family",
              "proxy",
              "colleague",
              "other"
            ]
          },
          "id_last_digits": {
            "type": "string",
            "pattern": "^[0-9]{3,6}$"
          },
          "attachment_ids": {
            "type": "array",
            "maxItems": 5,
            "items": {
              "type": "string"
            }
          },
          "reason": {
            "type": "string",
            "enum": [
              "not_at_home",
              "wrong_address",
              "refused",
              "incomplete_dossier",
              "road_impassable",
              "other"
            ]
          },
          "note": {
            "type": "string",
            "maxLength": 500
          },
          "lat": {
            "type": "number"
          },
          "lon": {
            "type": "number"
          }
        }
      },
      "CourierEventResult": {
        "type": "object",
        "required": [
          "outcome"
        ],
        "properties": {
          "outcome": {
            "type": "string",
            "enum": [
              "applied",
              "rejected"
            ],
            "description": "What happened the first time the event was received."
          },
          "stop_status": {
            "type": "string",
            "enum": [
              "pending",
              "arrived",
              "done",
              "failed",
              "skipped"
            ]
          },
          "job": {
            "type": "object",
            "required": [
              "id",
              "state"
            ],
            "properties": {
              "id": {
                "type": "string"
              },
              "state": {
                "type": "string"
              }
            }
          },
          "next_attempt_date": {
            "type": "string",
            "format": "date",
            "description": "A failed attempt was rescheduled to this day."
          },
          "return_job_id": {
            "type": "string",
            "description": "The attempts ran out: the result goes back to the agency as this `return_result` job."
          },
          "problem": {
            "type": "object",
            "required": [
              "code",
              "status",
              "message_vi",
              "message_en",
              "errors"
            ],
            "properties": {
              "code": {
                "type": "string"
              },
              "status": {
                "type": "integer"
              },
              "message_vi": {
                "type": "string"
              },
              "message_en": {
                "type": "string"
              },
              "errors": {
                "type": "array",
                "items": {
                  "type": "object",
                  "required": [
                    "field",
                    "code",
                    "message_vi",
                    "message_en"
                  ],
                  "properties": {
                    "field": {
                      "type": "string"
                    },
                    "code": {
                      "type": "string"
                    },
                    "message_vi": {
                      "type": "string"
                    },
                    "message_en": {
                      "type": "string"
                    }
                  }
                }
              }
            }
          }
        }
      },
      "CourierEventAnswer": {
        "type": "object",
        "required": [
          "client_event_id",
          "status",
          "result"
        ],
        "properties": {
          "client_event_id": {
            "type": [
              "string",
              "null"
            ]
          },
          "status": {
            "type": "string",
            "enum": [
              "applied",
              "duplicate",
              "rejected"
            ]
          },
          "result": {
            "$ref": "#/components/schemas/CourierEventResult"
          }
        }
      },
      "CourierEventBatchResult": {
        "type": "object",
        "required": [
          "results",
          "applied",
          "duplicate",
          "rejected"
        ],
        "properties": {
          "results": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/CourierEventAnswer"
            }
          },
          "applied": {
            "type": "integer"
          },
          "duplicate": {
            "type": "integer"
          },
          "rejected": {
            "type": "integer"
          }
        }
      },
      "Attachment": {
        "type": "object",
        "required": [
          "id",
          "job_id",
          "kind",
          "content_type",
          "size_bytes",
          "sha256"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "job_id": {
            "type": "string"
          },
          "kind": {
            "type": "string",
            "enum": [
              "signature",
              "photo"
            ]
          },
          "content_type": {
            "type": "string",
            "enum": [
              "image/png",
              "image/jpeg",
              "image/webp"
            ]
          },
          "size_bytes": {
            "type": "integer"
          },
          "sha256": {
            "type": "string",
            "pattern": "^[0-9a-f]{64}$"
          }
        }
      }
    }
  }
}
"""#
}
