extension OpenAPIDocument {
    /// Handover records (`/v1/handovers`), cash (`/v1/cash`, `/v1/reports/cash/…`) and the SLA watch (`/v1/sla`, `/v1/reports/on-time`).
    /// Written by scripts/gen-openapi-office.py: edit the script, then run it.
    static let officeFragment = #"""
{
  "tags": [
    {
      "name": "handovers"
    },
    {
      "name": "cash"
    },
    {
      "name": "sla"
    }
  ],
  "paths": {
    "/v1/handovers": {
      "post": {
        "operationId": "createHandover",
        "summary": "Draft a handover record",
        "tags": [
          "handovers"
        ],
        "description": "Roles `courier` (their own jobs; `courier` may be omitted), `dispatcher`/`admin` of the office (`courier` required). Lists the courier's jobs ready for the agency: `submit_dossiers` — pickups `picked_up` held by the courier; `collect_results` — results with a pending `collect_result` stop on the courier's run today; `return_results` — active `return_result` jobs held by the courier. Jobs on another draft of the same direction are left out. 422 `nothing_to_hand_over` when none.",
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
          "admin",
          "dispatcher",
          "courier"
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "direction",
                  "agency_code"
                ],
                "properties": {
                  "direction": {
                    "type": "string",
                    "enum": [
                      "submit_dossiers",
                      "collect_results",
                      "return_results"
                    ]
                  },
                  "agency_code": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": 64
                  },
                  "courier": {
                    "type": "string",
                    "description": "A courier's id (`cou_…`)."
                  }
                }
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "Created",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Handover"
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
      },
      "get": {
        "operationId": "listHandovers",
        "summary": "List handover records",
        "tags": [
          "handovers"
        ],
        "description": "Couriers see their own, dispatchers their office's. Newest first.",
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
            "required": false,
            "description": "Records created on this day.",
            "schema": {
              "type": "string",
              "format": "date"
            }
          },
          {
            "name": "status",
            "in": "query",
            "required": false,
            "description": "`draft` or `confirmed`.",
            "schema": {
              "type": "string",
              "enum": [
                "draft",
                "confirmed"
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
          "admin",
          "dispatcher",
          "courier"
        ],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "items"
                  ],
                  "properties": {
                    "items": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Handover"
                      }
                    }
                  }
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
    "/v1/handovers/{id}": {
      "get": {
        "operationId": "getHandover",
        "summary": "Show a handover record",
        "tags": [
          "handovers"
        ],
        "description": "JSON, or with `?format=html` (or `Accept: text/html`) the printable A4 page in Vietnamese: “BIÊN BẢN GIAO NHẬN HỒ SƠ / KẾT QUẢ”, parties, numbered list of dossiers with slip numbers, fees and appointment dates, totals, signatures.",
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
            "description": "A handover record's id (`hov_…`).",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "format",
            "in": "query",
            "required": false,
            "description": "`html` for the printable page.",
            "schema": {
              "type": "string",
              "enum": [
                "json",
                "html"
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
          "admin",
          "dispatcher",
          "courier"
        ],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Handover"
                }
              },
              "text/html": {
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
          }
        }
      },
      "delete": {
        "operationId": "deleteHandover",
        "summary": "Delete a draft",
        "tags": [
          "handovers"
        ],
        "description": "A draft only (its jobs become free for another record); a confirmed record is kept: 409.",
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
            "description": "A handover record's id (`hov_…`).",
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
          "admin",
          "dispatcher",
          "courier"
        ],
        "responses": {
          "204": {
            "description": "Done"
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
          }
        }
      }
    },
    "/v1/handovers/{id}/confirm": {
      "post": {
        "operationId": "confirmHandover",
        "summary": "Confirm a handover record",
        "tags": [
          "handovers"
        ],
        "description": "The agency's receiving officer signed. In one transaction: every listed job moves on (submit: `picked_up` → `handed_to_agency` with `submitted_at` = now, the legal submission time, and the appointment date brought back per item; collect: → `result_collected`; return: the return job done and its delivery `returned_to_agency`), the agency stops are done, job events (actor `staff:<username>`) and webhooks are written, and the unpaid government fees of those jobs are tied to the record. `version` must be current (409 otherwise); a confirmed record answers 409 and nothing changes.",
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
            "description": "A handover record's id (`hov_…`).",
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
          "admin",
          "dispatcher",
          "courier"
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "version",
                  "receiving_officer"
                ],
                "properties": {
                  "version": {
                    "type": "integer"
                  },
                  "receiving_officer": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": 200
                  },
                  "items": {
                    "type": "array",
                    "items": {
                      "type": "object",
                      "required": [
                        "job_id"
                      ],
                      "properties": {
                        "job_id": {
                          "type": "string"
                        },
                        "appointment_date": {
                          "type": "string",
                          "format": "date"
                        }
                      }
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
                  "$ref": "#/components/schemas/Handover"
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
    "/v1/cash/couriers/{id}/days/{date}": {
      "get": {
        "operationId": "getCourierCashDay",
        "summary": "A courier's cash for a day",
        "tags": [
          "cash"
        ],
        "description": "The courier themselves, or their office's staff. `expected` = everything collected that day (postage and government fees) minus the fees already paid over to agencies on confirmed handover records: what the courier hands in to the post office.",
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
            "description": "A courier's id (`cou_…`).",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "date",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string",
              "format": "date"
            }
          }
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "x-staff-roles": [
          "admin",
          "dispatcher",
          "courier"
        ],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CashDay"
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
          }
        }
      }
    },
    "/v1/cash/reconciliations": {
      "post": {
        "operationId": "reconcileCourierCash",
        "summary": "Reconcile a courier's day",
        "tags": [
          "cash"
        ],
        "description": "Roles `dispatcher`, `admin`. Stores the expected amount (computed now) and the amount handed in; a difference needs `note` (422); one per courier and day (409). The day's entries point at it.",
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
          "admin",
          "dispatcher"
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "courier",
                  "date",
                  "handed_in"
                ],
                "properties": {
                  "courier": {
                    "type": "string"
                  },
                  "date": {
                    "type": "string",
                    "format": "date"
                  },
                  "handed_in": {
                    "type": "integer",
                    "minimum": 0
                  },
                  "note": {
                    "type": "string",
                    "maxLength": 2000
                  }
                }
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "Created",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CashDay"
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
    "/v1/reports/cash/agencies": {
      "get": {
        "operationId": "reportCashByAgency",
        "summary": "Government fees per agency",
        "tags": [
          "cash"
        ],
        "description": "Roles `dispatcher` (own office), `admin`. Per agency over entries of the period: fees collected, paid over at confirmed handovers, outstanding. CSV: UTF-8 with BOM, Vietnamese headers, amounts in đồng as integers, a totals row.",
        "parameters": [
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          },
          {
            "name": "from",
            "in": "query",
            "required": true,
            "description": "First day (Vietnamese date), inclusive.",
            "schema": {
              "type": "string",
              "format": "date"
            }
          },
          {
            "name": "to",
            "in": "query",
            "required": true,
            "description": "Last day, inclusive.",
            "schema": {
              "type": "string",
              "format": "date"
            }
          },
          {
            "name": "office",
            "in": "query",
            "required": false,
            "description": "Post office code; default the caller's office.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "format",
            "in": "query",
            "required": false,
            "description": "`csv` for UTF-8 CSV with a BOM and Vietnamese headers (or send `Accept: text/csv`).",
            "schema": {
              "type": "string",
              "enum": [
                "json",
                "csv"
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
          "admin",
          "dispatcher"
        ],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/AgencyCashReport"
                }
              },
              "text/csv": {
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
          }
        }
      }
    },
    "/v1/reports/cash/couriers": {
      "get": {
        "operationId": "reportCashByCourier",
        "summary": "Cash per courier of an office",
        "tags": [
          "cash"
        ],
        "description": "Roles `dispatcher` (own office), `admin`. Postage and fees collected per courier, paid over, expected, handed in at reconciliations. CSV as for agencies.",
        "parameters": [
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          },
          {
            "name": "from",
            "in": "query",
            "required": true,
            "description": "First day (Vietnamese date), inclusive.",
            "schema": {
              "type": "string",
              "format": "date"
            }
          },
          {
            "name": "to",
            "in": "query",
            "required": true,
            "description": "Last day, inclusive.",
            "schema": {
              "type": "string",
              "format": "date"
            }
          },
          {
            "name": "office",
            "in": "query",
            "required": false,
            "description": "Post office code; default the caller's office.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "format",
            "in": "query",
            "required": false,
            "description": "`csv` for UTF-8 CSV with a BOM and Vietnamese headers (or send `Accept: text/csv`).",
            "schema": {
              "type": "string",
              "enum": [
                "json",
                "csv"
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
          "admin",
          "dispatcher"
        ],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CourierCashReport"
                }
              },
              "text/csv": {
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
          }
        }
      }
    },
    "/v1/sla/flags": {
      "get": {
        "operationId": "listSLAFlags",
        "summary": "Jobs at risk or late",
        "tags": [
          "sla"
        ],
        "description": "Roles `dispatcher` (own office), `admin`. From the SLA watch (every 5 minutes): results whose appointment date is within one working day (`at_risk`) or past (`late`); dossiers not handed over within J + service time.",
        "parameters": [
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          },
          {
            "name": "office",
            "in": "query",
            "required": false,
            "description": "Post office code; default the caller's office.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "status",
            "in": "query",
            "required": false,
            "description": "`at_risk` or `late`.",
            "schema": {
              "type": "string",
              "enum": [
                "at_risk",
                "late"
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
          "admin",
          "dispatcher"
        ],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "items"
                  ],
                  "properties": {
                    "items": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/SLAFlag"
                      }
                    }
                  }
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
          }
        }
      }
    },
    "/v1/reports/on-time": {
      "get": {
        "operationId": "reportOnTime",
        "summary": "On-time rate",
        "tags": [
          "sla"
        ],
        "description": "Roles `dispatcher` (own office), `admin` (all offices without `office`). Jobs due in the period per office and area group (`remote_ethnic_difficult` vs `other`): results on time when delivered by the appointment date, dossiers when handed over within the service time; open jobs not yet due are `pending`.",
        "parameters": [
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          },
          {
            "name": "from",
            "in": "query",
            "required": true,
            "description": "First day (Vietnamese date), inclusive.",
            "schema": {
              "type": "string",
              "format": "date"
            }
          },
          {
            "name": "to",
            "in": "query",
            "required": true,
            "description": "Last day, inclusive.",
            "schema": {
              "type": "string",
              "format": "date"
            }
          },
          {
            "name": "office",
            "in": "query",
            "required": false,
            "description": "Post office code; default the caller's office.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "format",
            "in": "query",
            "required": false,
            "description": "`csv` for UTF-8 CSV with a BOM and Vietnamese headers (or send `Accept: text/csv`).",
            "schema": {
              "type": "string",
              "enum": [
                "json",
                "csv"
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
          "admin",
          "dispatcher"
        ],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/OnTimeReport"
                }
              },
              "text/csv": {
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
          }
        }
      }
    }
  },
  "components": {
    "schemas": {
      "Handover": {
        "type": "object",
        "required": [
          "id",
          "direction",
          "status",
          "version",
          "office",
          "agency",
          "courier",
          "receiving_officer",
          "created_at",
          "confirmed_at",
          "confirmed_by",
          "fees_paid_over",
          "items"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "direction": {
            "type": "string",
            "enum": [
              "submit_dossiers",
              "collect_results",
              "return_results"
            ]
          },
          "status": {
            "type": "string",
            "enum": [
              "draft",
              "confirmed"
            ]
          },
          "version": {
            "type": "integer"
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
            }
          },
          "agency": {
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
            }
          },
          "courier": {
            "type": "object",
            "required": [
              "id",
              "name"
            ],
            "properties": {
              "id": {
                "type": "string"
              },
              "name": {
                "type": "string"
              }
            }
          },
          "receiving_officer": {
            "type": [
              "string",
              "null"
            ]
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          },
          "confirmed_at": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          },
          "confirmed_by": {
            "type": [
              "string",
              "null"
            ]
          },
          "fees_paid_over": {
            "type": "integer",
            "minimum": 0
          },
          "items": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "job_id",
                "dossier_code",
                "slip_number",
                "fee_amount",
                "appointment_date"
              ],
              "properties": {
                "job_id": {
                  "type": "string"
                },
                "dossier_code": {
                  "type": [
                    "string",
                    "null"
                  ]
                },
                "slip_number": {
                  "type": [
                    "string",
                    "null"
                  ]
                },
                "fee_amount": {
                  "type": "integer",
                  "minimum": 0
                },
                "appointment_date": {
                  "type": [
                    "string",
                    "null"
                  ],
                  "format": "date"
                }
              }
            }
          }
        }
      },
      "CashDay": {
        "type": "object",
        "required": [
          "courier",
          "date",
          "currency",
          "entries",
          "collected",
          "paid_over_to_agencies",
          "expected",
          "reconciliation"
        ],
        "properties": {
          "courier": {
            "type": "object",
            "required": [
              "id",
              "name"
            ],
            "properties": {
              "id": {
                "type": "string"
              },
              "name": {
                "type": "string"
              }
            }
          },
          "date": {
            "type": "string",
            "format": "date"
          },
          "currency": {
            "const": "VND"
          },
          "entries": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "job_id",
                "dossier_code",
                "kind",
                "amount",
                "receipt_number",
                "agency_code",
                "collected_at",
                "handover_id"
              ],
              "properties": {
                "job_id": {
                  "type": "string"
                },
                "dossier_code": {
                  "type": [
                    "string",
                    "null"
                  ]
                },
                "kind": {
                  "type": "string",
                  "enum": [
                    "government_fee",
                    "postage"
                  ]
                },
                "amount": {
                  "type": "integer",
                  "minimum": 0
                },
                "receipt_number": {
                  "type": "string"
                },
                "agency_code": {
                  "type": [
                    "string",
                    "null"
                  ]
                },
                "collected_at": {
                  "type": "string",
                  "format": "date-time"
                },
                "handover_id": {
                  "type": [
                    "string",
                    "null"
                  ]
                }
              }
            }
          },
          "collected": {
            "type": "object",
            "required": [
              "government_fee",
              "postage",
              "total"
            ],
            "properties": {
              "government_fee": {
                "type": "integer",
                "minimum": 0
              },
              "postage": {
                "type": "integer",
                "minimum": 0
              },
              "total": {
                "type": "integer",
                "minimum": 0
              }
            }
          },
          "paid_over_to_agencies": {
            "type": "integer",
            "minimum": 0
          },
          "expected": {
            "type": "integer"
          },
          "reconciliation": {
            "oneOf": [
              {
                "type": "null"
              },
              {
                "type": "object",
                "required": [
                  "id",
                  "expected",
                  "handed_in",
                  "difference",
                  "note",
                  "reconciled_by",
                  "reconciled_at"
                ],
                "properties": {
                  "id": {
                    "type": "string"
                  },
                  "expected": {
                    "type": "integer"
                  },
                  "handed_in": {
                    "type": "integer",
                    "minimum": 0
                  },
                  "difference": {
                    "type": "integer"
                  },
                  "note": {
                    "type": [
                      "string",
                      "null"
                    ]
                  },
                  "reconciled_by": {
                    "type": "string"
                  },
                  "reconciled_at": {
                    "type": "string",
                    "format": "date-time"
                  }
                }
              }
            ]
          }
        }
      },
      "AgencyCashReport": {
        "type": "object",
        "required": [
          "from",
          "to",
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
          "currency": {
            "const": "VND"
          },
          "rows": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "agency_code",
                "agency_name",
                "entries",
                "collected",
                "paid_over",
                "outstanding"
              ],
              "properties": {
                "agency_code": {
                  "type": "string"
                },
                "agency_name": {
                  "type": "string"
                },
                "entries": {
                  "type": "integer"
                },
                "collected": {
                  "type": "integer",
                  "minimum": 0
                },
                "paid_over": {
                  "type": "integer",
                  "minimum": 0
                },
                "outstanding": {
                  "type": "integer"
                }
              }
            }
          },
          "totals": {
            "type": "object",
            "required": [
              "entries",
              "collected",
              "paid_over",
              "outstanding"
            ],
            "properties": {
              "entries": {
                "type": "integer"
              },
              "collected": {
                "type": "integer",
                "minimum": 0
              },
              "paid_over": {
                "type": "integer",
                "minimum": 0
              },
              "outstanding": {
                "type": "integer"
              }
            }
          }
        }
      },
      "CourierCashReport": {
        "type": "object",
        "required": [
          "from",
          "to",
          "currency",
          "rows"
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
          "currency": {
            "const": "VND"
          },
          "rows": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "courier",
                "courier_name",
                "entries",
                "postage",
                "government_fees",
                "paid_over",
                "expected",
                "handed_in",
                "reconciled_days"
              ],
              "properties": {
                "courier": {
                  "type": "string"
                },
                "courier_name": {
                  "type": "string"
                },
                "entries": {
                  "type": "integer"
                },
                "postage": {
                  "type": "integer",
                  "minimum": 0
                },
                "government_fees": {
                  "type": "integer",
                  "minimum": 0
                },
                "paid_over": {
                  "type": "integer",
                  "minimum": 0
                },
                "expected": {
                  "type": "integer"
                },
                "handed_in": {
                  "type": "integer",
                  "minimum": 0
                },
                "reconciled_days": {
                  "type": "integer"
                }
              }
            }
          }
        }
      },
      "SLAFlag": {
        "type": "object",
        "required": [
          "job_id",
          "job_kind",
          "state",
          "dossier_code",
          "commune_code",
          "kind",
          "status",
          "due_date",
          "flagged_at"
        ],
        "properties": {
          "job_id": {
            "type": "string"
          },
          "job_kind": {
            "type": "string"
          },
          "state": {
            "type": "string"
          },
          "dossier_code": {
            "type": [
              "string",
              "null"
            ]
          },
          "commune_code": {
            "type": "string"
          },
          "kind": {
            "type": "string",
            "enum": [
              "result_due",
              "dossier_overdue"
            ]
          },
          "status": {
            "type": "string",
            "enum": [
              "at_risk",
              "late"
            ]
          },
          "due_date": {
            "type": "string",
            "format": "date"
          },
          "flagged_at": {
            "type": "string",
            "format": "date-time"
          }
        }
      },
      "OnTimeReport": {
        "type": "object",
        "required": [
          "from",
          "to",
          "rows",
          "by_office",
          "by_area_group",
          "total"
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
          "by_office": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "office",
                "total"
              ],
              "properties": {
                "office": {
                  "type": "string"
                },
                "total": {
                  "type": "object",
                  "required": [
                    "on_time",
                    "late",
                    "pending",
                    "rate"
                  ],
                  "properties": {
                    "on_time": {
                      "type": "integer"
                    },
                    "late": {
                      "type": "integer"
                    },
                    "pending": {
                      "type": "integer"
                    },
                    "rate": {
                      "type": [
                        "number",
                        "null"
                      ]
                    }
                  }
                }
              }
            }
          },
          "by_area_group": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "area_group",
                "total"
              ],
              "properties": {
                "area_group": {
                  "type": "string",
                  "enum": [
                    "remote_ethnic_difficult",
                    "other"
                  ]
                },
                "total": {
                  "type": "object",
                  "required": [
                    "on_time",
                    "late",
                    "pending",
                    "rate"
                  ],
                  "properties": {
                    "on_time": {
                      "type": "integer"
                    },
                    "late": {
                      "type": "integer"
                    },
                    "pending": {
                      "type": "integer"
                    },
                    "rate": {
                      "type": [
                        "number",
                        "null"
                      ]
                    }
                  }
                }
              }
            }
          },
          "rows": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "office",
                "office_name",
                "area_group",
                "deliveries",
                "pickups",
                "total"
              ],
              "properties": {
                "office": {
                  "type": "string"
                },
                "office_name": {
                  "type": "string"
                },
                "area_group": {
                  "type": "string",
                  "enum": [
                    "remote_ethnic_difficult",
                    "other"
                  ]
                },
                "deliveries": {
                  "type": "object",
                  "required": [
                    "on_time",
                    "late",
                    "pending",
                    "rate"
                  ],
                  "properties": {
                    "on_time": {
                      "type": "integer"
                    },
                    "late": {
                      "type": "integer"
                    },
                    "pending": {
                      "type": "integer"
                    },
                    "rate": {
                      "type": [
                        "number",
                        "null"
                      ]
                    }
                  }
                },
                "pickups": {
                  "type": "object",
                  "required": [
                    "on_time",
                    "late",
                    "pending",
                    "rate"
                  ],
                  "properties": {
                    "on_time": {
                      "type": "integer"
                    },
                    "late": {
                      "type": "integer"
                    },
                    "pending": {
                      "type": "integer"
                    },
                    "rate": {
                      "type": [
                        "number",
                        "null"
                      ]
                    }
                  }
                },
                "total": {
                  "type": "object",
                  "required": [
                    "on_time",
                    "late",
                    "pending",
                    "rate"
                  ],
                  "properties": {
                    "on_time": {
                      "type": "integer"
                    },
                    "late": {
                      "type": "integer"
                    },
                    "pending": {
                      "type": "integer"
                    },
                    "rate": {
                      "type": [
                        "number",
                        "null"
                      ]
                    }
                  }
                }
              }
            }
          },
          "total": {
            "type": "object",
            "required": [
              "on_time",
              "late",
              "pending",
              "rate"
            ],
            "properties": {
              "on_time": {
                "type": "integer"
              },
              "late": {
                "type": "integer"
              },
              "pending": {
                "type": "integer"
              },
              "rate": {
                "type": [
                  "number",
                  "null"
                ]
              }
            }
          }
        }
      }
    }
  }
}
"""#
}
