extension OpenAPIDocument {
    /// Staff login and users (`/v1/auth`, `/v1/staff`), couriers (`/v1/couriers`), agencies and the holiday calendar.
    static let staffFragment = #"""
{
  "tags": [
    {
      "name": "staff"
    },
    {
      "name": "couriers"
    },
    {
      "name": "agencies"
    },
    {
      "name": "calendar"
    }
  ],
  "paths": {
    "/v1/auth/token": {
      "post": {
        "operationId": "createStaffToken",
        "summary": "Log in (staff)",
        "tags": [
          "staff"
        ],
        "description": "Username and password give a short-lived bearer token `pst_…` (12 h). Tokens stop working at once when the password changes or the user is disabled.",
        "parameters": [
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          }
        ],
        "security": [],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "username",
                  "password"
                ],
                "properties": {
                  "username": {
                    "type": "string"
                  },
                  "password": {
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
                  "$ref": "#/components/schemas/StaffToken"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/E401"
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
    "/v1/auth/me": {
      "get": {
        "operationId": "getStaffMe",
        "summary": "Who am I",
        "tags": [
          "staff"
        ],
        "description": "Any staff role.",
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
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/StaffUser"
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
    "/v1/staff": {
      "post": {
        "operationId": "createStaffUser",
        "summary": "Create a staff user",
        "tags": [
          "staff"
        ],
        "description": "Role `admin`. An office admin creates dispatchers and couriers of their office only.",
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
          "admin"
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "username",
                  "display_name",
                  "role",
                  "password"
                ],
                "properties": {
                  "username": {
                    "type": "string"
                  },
                  "display_name": {
                    "type": "string"
                  },
                  "role": {
                    "type": "string",
                    "enum": [
                      "admin",
                      "dispatcher",
                      "courier"
                    ]
                  },
                  "office": {
                    "type": [
                      "string",
                      "null"
                    ]
                  },
                  "password": {
                    "type": "string",
                    "minLength": 10
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
                  "$ref": "#/components/schemas/StaffUser"
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
      },
      "get": {
        "operationId": "listStaffUsers",
        "summary": "List staff users",
        "tags": [
          "staff"
        ],
        "description": "Roles `admin`, `dispatcher` (own office).",
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
                        "$ref": "#/components/schemas/StaffUser"
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
          }
        }
      }
    },
    "/v1/staff/{id}/disable": {
      "post": {
        "operationId": "disableStaffUser",
        "summary": "Disable a staff user",
        "tags": [
          "staff"
        ],
        "description": "Role `admin`. Their tokens stop working at once.",
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
            "description": "A user's id (`usr_…`).",
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
          "admin"
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
          }
        }
      }
    },
    "/v1/staff/{id}/password": {
      "put": {
        "operationId": "setStaffPassword",
        "summary": "Set a password",
        "tags": [
          "staff"
        ],
        "description": "An admin for anyone; a user for themselves. Older tokens stop working.",
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
            "description": "A user's id (`usr_…`).",
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
                  "password"
                ],
                "properties": {
                  "password": {
                    "type": "string",
                    "minLength": 10
                  }
                }
              }
            }
          }
        },
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
    "/v1/couriers": {
      "post": {
        "operationId": "createCourier",
        "summary": "Add a courier",
        "tags": [
          "couriers"
        ],
        "description": "Roles `admin`, `dispatcher` of the office. `username` links a courier login of the same office.",
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
                  "name"
                ],
                "properties": {
                  "name": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": 200
                  },
                  "phone": {
                    "type": [
                      "string",
                      "null"
                    ]
                  },
                  "vehicle": {
                    "type": "string",
                    "enum": [
                      "motorbike",
                      "bicycle",
                      "car",
                      "van",
                      "on_foot"
                    ]
                  },
                  "capacity_dossiers": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": 500
                  },
                  "capacity_grams": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": 1000000
                  },
                  "shift_start": {
                    "type": "string",
                    "pattern": "^([01][0-9]|2[0-4]):[0-5][0-9](:[0-5][0-9])?$"
                  },
                  "shift_end": {
                    "type": "string",
                    "pattern": "^([01][0-9]|2[0-4]):[0-5][0-9](:[0-5][0-9])?$"
                  },
                  "working_days": {
                    "type": "array",
                    "items": {
                      "type": "integer",
                      "minimum": 1,
                      "maximum": 7
                    }
                  },
                  "skills": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  },
                  "active": {
                    "type": "boolean"
                  },
                  "office": {
                    "type": "string"
                  },
                  "username": {
                    "type": "string"
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
                  "$ref": "#/components/schemas/Courier"
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
      },
      "get": {
        "operationId": "listCouriers",
        "summary": "List an office's couriers",
        "tags": [
          "couriers"
        ],
        "description": "Roles `admin`, `dispatcher`. `office` defaults to the caller's.",
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
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "include_inactive",
            "in": "query",
            "schema": {
              "type": "boolean"
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
                        "$ref": "#/components/schemas/Courier"
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
    "/v1/couriers/{id}": {
      "get": {
        "operationId": "getCourier",
        "summary": "Show a courier",
        "tags": [
          "couriers"
        ],
        "description": "The office's staff, or the courier themselves.",
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
                  "$ref": "#/components/schemas/Courier"
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
        "operationId": "patchCourier",
        "summary": "Change a courier's profile",
        "tags": [
          "couriers"
        ],
        "description": "Roles `admin`, `dispatcher`; `If-Match` with the version.",
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
            "$ref": "#/components/parameters/IfMatchRequired"
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
                  "name": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": 200
                  },
                  "phone": {
                    "type": [
                      "string",
                      "null"
                    ]
                  },
                  "vehicle": {
                    "type": "string",
                    "enum": [
                      "motorbike",
                      "bicycle",
                      "car",
                      "van",
                      "on_foot"
                    ]
                  },
                  "capacity_dossiers": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": 500
                  },
                  "capacity_grams": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": 1000000
                  },
                  "shift_start": {
                    "type": "string",
                    "pattern": "^([01][0-9]|2[0-4]):[0-5][0-9](:[0-5][0-9])?$"
                  },
                  "shift_end": {
                    "type": "string",
                    "pattern": "^([01][0-9]|2[0-4]):[0-5][0-9](:[0-5][0-9])?$"
                  },
                  "working_days": {
                    "type": "array",
                    "items": {
                      "type": "integer",
                      "minimum": 1,
                      "maximum": 7
                    }
                  },
                  "skills": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  },
                  "active": {
                    "type": "boolean"
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
                  "$ref": "#/components/schemas/Courier"
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
          "412": {
            "$ref": "#/components/responses/E412"
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
          },
          "422": {
            "$ref": "#/components/responses/E422"
          }
        }
      }
    },
    "/v1/couriers/{id}/leave": {
      "post": {
        "operationId": "addCourierLeave",
        "summary": "Record leave",
        "tags": [
          "couriers"
        ],
        "description": "Roles `admin`, `dispatcher`. The planner gives no run on leave days.",
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
                  "first_day",
                  "last_day"
                ],
                "properties": {
                  "first_day": {
                    "type": "string",
                    "format": "date"
                  },
                  "last_day": {
                    "type": "string",
                    "format": "date"
                  },
                  "note": {
                    "type": "string"
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
                  "$ref": "#/components/schemas/Courier"
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
      }
    },
    "/v1/couriers/{id}/leave/{leave}": {
      "delete": {
        "operationId": "removeCourierLeave",
        "summary": "Remove leave",
        "tags": [
          "couriers"
        ],
        "description": "Roles `admin`, `dispatcher`.",
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
            "name": "leave",
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
          "admin",
          "dispatcher"
        ],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Courier"
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
    "/v1/agencies": {
      "get": {
        "operationId": "listAgencies",
        "summary": "List agencies",
        "tags": [
          "agencies"
        ],
        "description": "Any staff role.",
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
                        "$ref": "#/components/schemas/AgencyEntry"
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
          }
        }
      }
    },
    "/v1/agencies/{code}": {
      "get": {
        "operationId": "getAgency",
        "summary": "Show an agency",
        "tags": [
          "agencies"
        ],
        "description": "Any staff role.",
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
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/AgencyEntry"
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
        "operationId": "putAgency",
        "summary": "Create or replace an agency",
        "tags": [
          "agencies"
        ],
        "description": "Role `admin`. Opening hours are local-time windows; the planner hands dossiers over and collects results within them.",
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
          "admin"
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "name"
                ],
                "properties": {
                  "name": {
                    "type": "string"
                  },
                  "address": {
                    "type": "string"
                  },
                  "commune_code": {
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
                  },
                  "opening_hours": {
                    "type": "array",
                    "items": {
                      "type": "array",
                      "items": {
                        "type": "string",
                        "pattern": "^([01][0-9]|2[0-4]):[0-5][0-9](:[0-5][0-9])?$"
                      },
                      "minItems": 2,
                      "maxItems": 2
                    }
                  },
                  "working_days": {
                    "type": "array",
                    "items": {
                      "type": "integer",
                      "minimum": 1,
                      "maximum": 7
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
                  "$ref": "#/components/schemas/AgencyEntry"
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
    "/v1/calendar/days": {
      "get": {
        "operationId": "listCalendarDays",
        "summary": "Public holidays and make-up working days",
        "tags": [
          "calendar"
        ],
        "description": "Any staff role. Seeded from the built-in list at start-up; admins correct it (Tết moves every year).",
        "parameters": [
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          },
          {
            "name": "year",
            "in": "query",
            "schema": {
              "type": "integer"
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
                        "$ref": "#/components/schemas/CalendarDay"
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
    "/v1/calendar/days/{day}": {
      "put": {
        "operationId": "putCalendarDay",
        "summary": "Set a holiday or make-up working day",
        "tags": [
          "calendar"
        ],
        "description": "Role `admin`.",
        "parameters": [
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          },
          {
            "name": "day",
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
          "admin"
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "kind",
                  "name_vi"
                ],
                "properties": {
                  "kind": {
                    "type": "string",
                    "enum": [
                      "holiday",
                      "make_up_working_day"
                    ]
                  },
                  "name_vi": {
                    "type": "string"
                  },
                  "name_en": {
                    "type": "string"
                  },
                  "confirmed": {
                    "type": "boolean"
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
                  "$ref": "#/components/schemas/CalendarDay"
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
      },
      "delete": {
        "operationId": "deleteCalendarDay",
        "summary": "Remove a calendar day",
        "tags": [
          "calendar"
        ],
        "description": "Role `admin`.",
        "parameters": [
          {
            "$ref": "#/components/parameters/RequestId"
          },
          {
            "$ref": "#/components/parameters/AcceptLanguage"
          },
          {
            "name": "day",
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
          "admin"
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
          "422": {
            "$ref": "#/components/responses/E422"
          }
        }
      }
    }
  },
  "components": {
    "schemas": {
      "AgencyEntry": {
        "type": "object",
        "required": [
          "code",
          "name",
          "address",
          "commune_code",
          "lat",
          "lon",
          "opening_hours",
          "working_days"
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
          "commune_code": {
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
          },
          "opening_hours": {
            "type": "array",
            "items": {
              "type": "array",
              "items": {
                "type": "string"
              }
            }
          },
          "working_days": {
            "type": "array",
            "items": {
              "type": "integer"
            }
          }
        }
      },
      "CalendarDay": {
        "type": "object",
        "required": [
          "day",
          "kind",
          "name_vi",
          "name_en",
          "confirmed"
        ],
        "properties": {
          "day": {
            "type": "string",
            "format": "date"
          },
          "kind": {
            "type": "string",
            "enum": [
              "holiday",
              "make_up_working_day"
            ]
          },
          "name_vi": {
            "type": "string"
          },
          "name_en": {
            "type": "string"
          },
          "confirmed": {
            "type": "boolean"
          }
        }
      },
      "StaffUser": {
        "type": "object",
        "required": [
          "id",
          "username",
          "display_name",
          "role",
          "office"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "username": {
            "type": "string"
          },
          "display_name": {
            "type": "string"
          },
          "role": {
            "type": "string",
            "enum": [
              "admin",
              "dispatcher",
              "courier"
            ]
          },
          "office": {
            "type": [
              "string",
              "null"
            ]
          },
          "courier_id": {
            "type": "string"
          }
        }
      },
      "StaffToken": {
        "type": "object",
        "required": [
          "access_token",
          "token_type",
          "expires_at",
          "user"
        ],
        "properties": {
          "access_token": {
            "type": "string"
          },
          "token_type": {
            "const": "Bearer"
          },
          "expires_at": {
            "type": "string",
            "format": "date-time"
          },
          "user": {
            "$ref": "#/components/schemas/StaffUser"
          }
        }
      },
      "Courier": {
        "type": "object",
        "required": [
          "id",
          "office",
          "name",
          "vehicle",
          "capacity_dossiers",
          "capacity_grams",
          "shift_start",
          "shift_end",
          "working_days",
          "skills",
          "active",
          "version",
          "leave"
        ],
        "properties": {
          "name": {
            "type": "string",
            "minLength": 1,
            "maxLength": 200
          },
          "phone": {
            "type": [
              "string",
              "null"
            ]
          },
          "vehicle": {
            "type": "string",
            "enum": [
              "motorbike",
              "bicycle",
              "car",
              "van",
              "on_foot"
            ]
          },
          "capacity_dossiers": {
            "type": "integer",
            "minimum": 1,
            "maximum": 500
          },
          "capacity_grams": {
            "type": "integer",
            "minimum": 1,
            "maximum": 1000000
          },
          "shift_start": {
            "type": "string",
            "pattern": "^([01][0-9]|2[0-4]):[0-5][0-9](:[0-5][0-9])?$"
          },
          "shift_end": {
            "type": "string",
            "pattern": "^([01][0-9]|2[0-4]):[0-5][0-9](:[0-5][0-9])?$"
          },
          "working_days": {
            "type": "array",
            "items": {
              "type": "integer",
              "minimum": 1,
              "maximum": 7
            }
          },
          "skills": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "active": {
            "type": "boolean"
          },
          "id": {
            "type": "string"
          },
          "office": {
            "type": "string"
          },
          "username": {
            "type": [
              "string",
              "null"
            ]
          },
          "version": {
            "type": "integer"
          },
          "leave": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "id",
                "first_day",
                "last_day",
                "note"
              ],
              "properties": {
                "id": {
                  "type": "integer"
                },
                "first_day": {
                  "type": "string",
                  "format": "date"
                },
                "last_day": {
                  "type": "string",
                  "format": "date"
                },
                "note": {
                  "type": "string"
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
