extension OpenAPIDocument {
    /// The dispatcher's day (`/v1/offices/{code}/…`): unplanned jobs, runs, planning, edits, publishing.
    static let dispatchFragment = #"""
{
  "tags": [
    {
      "name": "dispatch"
    }
  ],
  "paths": {
    "/v1/offices/{code}/unplanned": {
      "get": {
        "operationId": "listUnplannedJobs",
        "summary": "Jobs not on any run",
        "tags": [
          "dispatch"
        ],
        "description": "Roles `dispatcher`, `admin` of the office (another office: 404). Jobs that still need a run, with the reason from the day's last plan.",
        "parameters": [
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          },
          {
            "name": "code",
            "in": "path",
            "required": true,
            "description": "The post office's code, e.g. `BC-PLEIKU`.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "date",
            "in": "query",
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
                    "date",
                    "items"
                  ],
                  "properties": {
                    "date": {
                      "type": "string",
                      "format": "date"
                    },
                    "items": {
                      "type": "array",
                      "items": {
                        "type": "object",
                        "required": [
                          "job_id",
                          "kind",
                          "state",
                          "commune_code",
                          "requested_date",
                          "reason",
                          "message"
                        ],
                        "properties": {
                          "job_id": {
                            "type": "string"
                          },
                          "kind": {
                            "type": "string"
                          },
                          "state": {
                            "type": "string"
                          },
                          "commune_code": {
                            "type": "string"
                          },
                          "requested_date": {
                            "type": "string",
                            "format": "date"
                          },
                          "reason": {
                            "type": [
                              "string",
                              "null"
                            ],
                            "enum": [
                              "capacity",
                              "calendar",
                              "agency_closed",
                              "time_window",
                              "no_courier_with_skill",
                              "no_courier_on_shift",
                              "awaiting_result",
                              null
                            ]
                          },
                          "message": {
                            "type": [
                              "string",
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
    "/v1/offices/{code}/runs": {
      "get": {
        "operationId": "listRuns",
        "summary": "Runs of a day",
        "tags": [
          "dispatch"
        ],
        "description": "Roles `dispatcher`, `admin` of the office. Every run of the day (draft and published) with its ordered stops.",
        "parameters": [
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          },
          {
            "name": "code",
            "in": "path",
            "required": true,
            "description": "The post office's code, e.g. `BC-PLEIKU`.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "date",
            "in": "query",
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
                    "date",
                    "items"
                  ],
                  "properties": {
                    "date": {
                      "type": "string",
                      "format": "date"
                    },
                    "items": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Run"
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
    "/v1/offices/{code}/plans": {
      "post": {
        "operationId": "planOfficeDay",
        "summary": "Plan (or re-plan) a day",
        "tags": [
          "dispatch"
        ],
        "description": "Roles `dispatcher`, `admin` of the office. Replaces the day's draft runs; published runs are kept; locked stops stay with their courier around their time. Runs under the office's advisory lock.",
        "parameters": [
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          },
          {
            "name": "code",
            "in": "path",
            "required": true,
            "description": "The post office's code, e.g. `BC-PLEIKU`.",
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
          "dispatcher"
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "date"
                ],
                "properties": {
                  "date": {
                    "type": "string",
                    "format": "date"
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
                  "type": "object",
                  "required": [
                    "plan_id",
                    "date",
                    "trigger",
                    "requested_by",
                    "planned_jobs",
                    "kept_published_runs",
                    "unplanned",
                    "runs"
                  ],
                  "properties": {
                    "plan_id": {
                      "type": [
                        "string",
                        "null"
                      ]
                    },
                    "date": {
                      "type": "string",
                      "format": "date"
                    },
                    "trigger": {
                      "type": "string"
                    },
                    "requested_by": {
                      "type": "string"
                    },
                    "planned_jobs": {
                      "type": "integer"
                    },
                    "kept_published_runs": {
                      "type": "integer"
                    },
                    "unplanned": {
                      "type": "array",
                      "items": {
                        "type": "object",
                        "required": [
                          "job_id",
                          "reason",
                          "message"
                        ],
                        "properties": {
                          "job_id": {
                            "type": "string"
                          },
                          "reason": {
                            "type": "string"
                          },
                          "message": {
                            "type": "string"
                          },
                          "skill": {
                            "type": "string"
                          }
                        }
                      }
                    },
                    "runs": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Run"
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
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          }
        }
      }
    },
    "/v1/offices/{code}/publish": {
      "post": {
        "operationId": "publishRuns",
        "summary": "Publish a day's runs",
        "tags": [
          "dispatch"
        ],
        "description": "Roles `dispatcher`, `admin` of the office. Draft runs of the date become `published` (couriers see only those). `versions` (run id → version) optionally pins each run's version; 409 when one is stale.",
        "parameters": [
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          },
          {
            "name": "code",
            "in": "path",
            "required": true,
            "description": "The post office's code, e.g. `BC-PLEIKU`.",
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
          "dispatcher"
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "date"
                ],
                "properties": {
                  "date": {
                    "type": "string",
                    "format": "date"
                  },
                  "versions": {
                    "type": "object",
                    "additionalProperties": {
                      "type": "integer"
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
                  "type": "object",
                  "required": [
                    "date",
                    "items"
                  ],
                  "properties": {
                    "date": {
                      "type": "string",
                      "format": "date"
                    },
                    "items": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Run"
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
          "409": {
            "$ref": "#/components/responses/E409"
          },
          "422": {
            "$ref": "#/components/responses/E422"
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          }
        }
      }
    },
    "/v1/offices/{code}/runs/{run}/stops/{stop}/move": {
      "post": {
        "operationId": "moveStop",
        "summary": "Move a stop",
        "tags": [
          "dispatch"
        ],
        "description": "Roles `dispatcher`, `admin`. To `position` (1-based) on the same run or on `target_run` (with `target_version`); the job's other stop goes along, pickup before drop. Stops already visited stay first. A move that makes stops late is carried out (the dispatcher decides); the answer marks each such stop `late` with `window_violation_minutes`, and the run's `late_stops`. Takes the run's `version` in the body or `If-Match`; 409 `stale-version` (with `current_version`) when it is not current.",
        "parameters": [
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          },
          {
            "name": "code",
            "in": "path",
            "required": true,
            "description": "The post office's code, e.g. `BC-PLEIKU`.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "run",
            "in": "path",
            "required": true,
            "description": "A run's id (`run_…`).",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "stop",
            "in": "path",
            "required": true,
            "description": "A stop's id (`stp_…`).",
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/IfMatchOptional"
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
                  "position"
                ],
                "properties": {
                  "version": {
                    "type": "integer"
                  },
                  "position": {
                    "type": "integer",
                    "minimum": 1
                  },
                  "target_run": {
                    "type": "string"
                  },
                  "target_version": {
                    "type": "integer"
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
                  "type": "object",
                  "required": [
                    "items"
                  ],
                  "properties": {
                    "items": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Run"
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
          "409": {
            "$ref": "#/components/responses/E409"
          },
          "422": {
            "$ref": "#/components/responses/E422"
          },
          "428": {
            "$ref": "#/components/responses/E428"
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          }
        }
      }
    },
    "/v1/offices/{code}/runs/{run}/stops/{stop}/lock": {
      "post": {
        "operationId": "lockStop",
        "summary": "Lock a stop",
        "tags": [
          "dispatch"
        ],
        "description": "Roles `dispatcher`, `admin`. A locked stop keeps its courier and time when the day is re-planned. Takes the run's `version` in the body or `If-Match`; 409 `stale-version` (with `current_version`) when it is not current.",
        "parameters": [
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          },
          {
            "name": "code",
            "in": "path",
            "required": true,
            "description": "The post office's code, e.g. `BC-PLEIKU`.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "run",
            "in": "path",
            "required": true,
            "description": "A run's id (`run_…`).",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "stop",
            "in": "path",
            "required": true,
            "description": "A stop's id (`stp_…`).",
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/IfMatchOptional"
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
                "properties": {
                  "version": {
                    "type": "integer"
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
                  "$ref": "#/components/schemas/Run"
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
          "422": {
            "$ref": "#/components/responses/E422"
          },
          "428": {
            "$ref": "#/components/responses/E428"
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          }
        }
      }
    },
    "/v1/offices/{code}/runs/{run}/stops/{stop}/unlock": {
      "post": {
        "operationId": "unlockStop",
        "summary": "Unlock a stop",
        "tags": [
          "dispatch"
        ],
        "description": "Roles `dispatcher`, `admin`. Takes the run's `version` in the body or `If-Match`; 409 `stale-version` (with `current_version`) when it is not current.",
        "parameters": [
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          },
          {
            "name": "code",
            "in": "path",
            "required": true,
            "description": "The post office's code, e.g. `BC-PLEIKU`.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "run",
            "in": "path",
            "required": true,
            "description": "A run's id (`run_…`).",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "stop",
            "in": "path",
            "required": true,
            "description": "A stop's id (`stp_…`).",
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/IfMatchOptional"
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
                "properties": {
                  "version": {
                    "type": "integer"
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
                  "$ref": "#/components/schemas/Run"
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
          "422": {
            "$ref": "#/components/responses/E422"
          },
          "428": {
            "$ref": "#/components/responses/E428"
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          }
        }
      }
    },
    "/v1/offices/{code}/runs/{run}/urgent": {
      "post": {
        "operationId": "insertUrgentJob",
        "summary": "Insert an urgent job",
        "tags": [
          "dispatch"
        ],
        "description": "Roles `dispatcher`, `admin`. Puts the job's stops at their cheapest feasible positions (windows, shift, capacity) without reordering the other stops; 409 `no-feasible-position` when it fits nowhere. Takes the run's `version` in the body or `If-Match`; 409 `stale-version` (with `current_version`) when it is not current.",
        "parameters": [
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          },
          {
            "name": "code",
            "in": "path",
            "required": true,
            "description": "The post office's code, e.g. `BC-PLEIKU`.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "run",
            "in": "path",
            "required": true,
            "description": "A run's id (`run_…`).",
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/IfMatchOptional"
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
                  "job_id"
                ],
                "properties": {
                  "version": {
                    "type": "integer"
                  },
                  "job_id": {
                    "type": "string"
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
                  "$ref": "#/components/schemas/Run"
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
          "422": {
            "$ref": "#/components/responses/E422"
          },
          "428": {
            "$ref": "#/components/responses/E428"
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          }
        }
      }
    }
  },
  "components": {
    "schemas": {
      "Run": {
        "type": "object",
        "required": [
          "id",
          "courier_id",
          "courier_name",
          "date",
          "status",
          "version",
          "distance_m",
          "duration_s",
          "late_stops",
          "planned_return",
          "overtime_minutes",
          "over_capacity",
          "load",
          "published_at",
          "published_by",
          "stops"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "courier_id": {
            "type": "string"
          },
          "courier_name": {
            "type": "string"
          },
          "date": {
            "type": "string",
            "format": "date"
          },
          "status": {
            "type": "string",
            "enum": [
              "draft",
              "published",
              "completed"
            ]
          },
          "version": {
            "type": "integer"
          },
          "distance_m": {
            "type": "integer"
          },
          "duration_s": {
            "type": "integer"
          },
          "late_stops": {
            "type": "integer",
            "minimum": 0,
            "description": "How many stops are planned after their window (`late`)."
          },
          "planned_return": {
            "type": "string",
            "format": "date-time",
            "description": "When the courier is planned back at the office (the run leaves at the shift start)."
          },
          "overtime_minutes": {
            "type": "integer",
            "minimum": 0,
            "description": "How far `planned_return` is past the end of the courier's shift as it is now, e.g. after a dispatcher moved stops onto the run; 0 within the shift."
          },
          "over_capacity": {
            "type": "boolean",
            "description": "The run's peak load exceeds the courier's capacity in dossiers or grams."
          },
          "load": {
            "type": "object",
            "required": [
              "dossiers",
              "grams"
            ],
            "properties": {
              "dossiers": {
                "type": "integer"
              },
              "grams": {
                "type": "integer"
              }
            }
          },
          "published_at": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          },
          "published_by": {
            "type": [
              "string",
              "null"
            ]
          },
          "stops": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "id",
                "position",
                "job_id",
                "job_state",
                "action",
                "address",
                "planned_arrival",
                "window_start",
                "window_end",
                "locked",
                "status",
                "late",
                "window_violation_minutes"
              ],
              "properties": {
                "id": {
                  "type": "string"
                },
                "position": {
                  "type": "integer"
                },
                "job_id": {
                  "type": "string"
                },
                "job_state": {
                  "type": "string"
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
                "address": {
                  "type": "string"
                },
                "planned_arrival": {
                  "type": [
                    "string",
                    "null"
                  ],
                  "format": "date-time"
                },
                "window_start": {
                  "type": [
                    "string",
                    "null"
                  ],
                  "format": "date-time"
                },
                "window_end": {
                  "type": [
                    "string",
                    "null"
                  ],
                  "format": "date-time"
                },
                "locked": {
                  "type": "boolean"
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
                "late": {
                  "type": "boolean",
                  "description": "The planned arrival falls after `window_end` (the applicant's slot or the agency's hours), e.g. after a dispatcher's move. Moves are not refused for this: the dispatcher decides."
                },
                "window_violation_minutes": {
                  "type": "integer",
                  "minimum": 0,
                  "description": "Minutes (rounded up) by which the planned arrival is after `window_end`; 0 when on time."
                }
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
